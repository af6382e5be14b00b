package io.opencmq.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Message bodies of the bench: {@value #STAMP_LENGTH} hex digits of the send-start time
 * ({@link System#nanoTime()}, the same clock in every process on a Linux host), then filler
 * letters up to the requested size. Letters and digits need no URL encoding, so the string to
 * sign and the form body carry the same bytes.
 */
public final class BodyStamp {
    public static final int STAMP_LENGTH = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private BodyStamp() {
    }

    /** A body of {@code size} bytes (at least the stamp), stamped with 0. */
    public static byte[] newBody(int size) {
        byte[] body = new byte[Math.max(size, STAMP_LENGTH)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + (i % 26));
        }
        stamp(body, 0);
        return body;
    }

    public static void stamp(byte[] body, long nanos) {
        for (int i = STAMP_LENGTH - 1; i >= 0; i--) {
            body[i] = HEX[(int) (nanos & 0xf)];
            nanos >>>= 4;
        }
    }

    /** The stamp at {@code body[offset]}, or -1 when there is none (not a bench message). */
    public static long read(byte[] body, int offset, int length) {
        if (offset < 0 || length < STAMP_LENGTH) {
            return -1;
        }
        long v = 0;
        for (int i = offset; i < offset + STAMP_LENGTH; i++) {
            byte b = body[i];
            int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
