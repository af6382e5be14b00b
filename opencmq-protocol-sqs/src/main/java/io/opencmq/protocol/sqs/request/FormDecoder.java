package io.opencmq.protocol.sqs.request;

import io.opencmq.protocol.sqs.SqsErrors;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code k=v&k=v}), as the query
 * protocol sends it in bodies and query strings: UTF-8 after percent-decoding, '+' as space. A
 * stray '%', a bad hex digit or bytes that are not UTF-8 refuse the request
 * ({@code MalformedQueryString}) instead of guessing.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    /** Calls {@code sink} for each pair of {@code form}, in order; {@code &&} is skipped, {@code k} alone is {@code k=""}. */
    public static void decode(byte[] form, String what, BiConsumer<String, String> sink) {
        int length = form.length;
        int start = 0;
        while (start <= length) {
            int end = indexOf(form, (byte) '&', start, length);
            if (end > start) {
                int eq = indexOf(form, (byte) '=', start, end);
                String key = component(form, start, eq, what);
                String value = eq < end ? component(form, eq + 1, end, what) : "";
                sink.accept(key, value);
            }
            start = end + 1;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    /** Percent- and plus-decodes {@code bytes[from..to)} and reads the result as strict UTF-8. */
    public static String component(byte[] bytes, int from, int to, String what) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw SqsErrors.malformedRequest(what + ": truncated percent-encoding");
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw SqsErrors.malformedRequest(what + ": invalid percent-encoding");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw SqsErrors.malformedRequest(what + ": not valid UTF-8");
        }
    }
}
