package io.opencmq.protocol.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} decoding ({@code k=v&k=v}, '+' as space, UTF-8
 * after percent-decoding), shared by the CMQ and SQS adapters, which differ only in how they
 * report malformed input and in what they keep of a value. Strict: a stray '%', a bad hex digit
 * or bytes that are not UTF-8 throw {@link MalformedFormException} instead of being guessed at,
 * because the decoded values are what request signatures cover.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** Receives the byte ranges of one {@code key=value} pair; {@code valueFrom == -1} when there is no '='. */
    @FunctionalInterface
    public interface PairSink {
        void accept(int keyFrom, int keyTo, int valueFrom, int valueTo);
    }

    /** Splits {@code form[0..length)} into pairs, in order; empty segments ({@code &&}) are skipped. */
    public static void forEachPair(byte[] form, int length, PairSink sink) {
        int start = 0;
        while (start <= length) {
            int end = indexOf(form, (byte) '&', start, length);
            if (end > start) {
                int eq = indexOf(form, (byte) '=', start, end);
                if (eq < end) {
                    sink.accept(start, eq, eq + 1, end);
                } else {
                    sink.accept(start, end, -1, -1);
                }
            }
            start = end + 1;
        }
    }

    /**
     * Writes the percent- and plus-decoded bytes of {@code bytes[from..to)} to {@code out}
     * (at least {@code to - from} long) and returns their count.
     */
    public static int percentDecode(byte[] bytes, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedFormException("truncated percent-encoding");
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedFormException("invalid percent-encoding");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return n;
    }

    /** {@code bytes[0..length)} as strict UTF-8 (malformed or unmappable input is refused). */
    public static String strictUtf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("not valid UTF-8");
        }
    }

    /** Percent-decodes {@code bytes[from..to)} and reads the result as strict UTF-8. */
    public static String decodeToString(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        return strictUtf8(out, percentDecode(bytes, from, to, out));
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }
}
