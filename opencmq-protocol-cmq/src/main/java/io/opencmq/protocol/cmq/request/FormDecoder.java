package io.opencmq.protocol.cmq.request;

import io.opencmq.protocol.cmq.CmqErrors;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code k=v&k=v}) as CMQ clients
 * send it, whatever Content-Type they claim: UTF-8 after percent-decoding, '+' as space.
 * A stray '%', a bad hex digit or bytes that are not UTF-8 refuse the request (4000/10420)
 * instead of guessing, because the decoded values are what the signature covers.
 *
 * <p>Values are decoded to bytes ({@link FormValue}): a message body goes to the engine as
 * UTF-8 bytes, so making a String of it only to encode it again would be two wasted copies.
 * Bytes are still checked as strictly as a String decoding would, and at the same point.
 *
 * <p>Stateless and thread-safe.
 */
final class FormDecoder {

    private FormDecoder() {
    }

    /**
     * Calls {@code sink} for each {@code key=value} pair of {@code form[0..length)}, in order.
     * Empty segments ({@code &&}) are skipped; a pair without '=' has an empty value.
     *
     * @param what names the source ("request body", "query string") in error messages
     */
    static void decode(byte[] form, int length, String what, BiConsumer<String, FormValue> sink) {
        int start = 0;
        while (start <= length) {
            int end = indexOf(form, (byte) '&', start, length);
            if (end > start) {
                int eq = indexOf(form, (byte) '=', start, end);
                String key = decodeComponent(form, start, eq, what);
                FormValue value = eq < end ? decodeValue(form, eq + 1, end, what) : FormValue.EMPTY;
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
    static String decodeComponent(byte[] bytes, int from, int to, String what) {
        if (isPlainAscii(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[to - from];
        int n = percentDecode(bytes, from, to, out, what);
        return strictUtf8(out, n, what);
    }

    /**
     * Like {@link #decodeComponent} but keeps the decoded bytes; a String is made here only
     * when non-ASCII bytes have to be checked as UTF-8 (the check yields it anyway).
     */
    static FormValue decodeValue(byte[] bytes, int from, int to, String what) {
        if (isPlainAscii(bytes, from, to)) {
            return FormValue.ofAscii(Arrays.copyOfRange(bytes, from, to));
        }
        byte[] out = new byte[to - from];
        int n = percentDecode(bytes, from, to, out, what);
        byte[] utf8 = n == out.length ? out : Arrays.copyOf(out, n);
        if (isAscii(utf8)) {
            return FormValue.ofAscii(utf8);
        }
        return FormValue.ofBoth(utf8, strictUtf8(utf8, n, what));
    }

    /** Writes the decoded bytes of {@code bytes[from..to)} to {@code out}; returns their count. */
    private static int percentDecode(byte[] bytes, int from, int to, byte[] out, String what) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw CmqErrors.cannotParse(what + ": truncated percent-encoding");
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw CmqErrors.cannotParse(what + ": invalid percent-encoding");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return n;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < 0 || b == '%' || b == '+') {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] bytes, int length, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw CmqErrors.cannotParse(what + ": not valid UTF-8");
        }
    }
}
