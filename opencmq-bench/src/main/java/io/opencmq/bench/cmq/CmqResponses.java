package io.opencmq.bench.cmq;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load generator needs straight from a CMQ JSON response body,
 * without a JSON parser: the server writes compact JSON ({@code "code":0}, no spaces), and
 * handles and bodies are strings without escapes (handles are Base64url; bench bodies are
 * letters and digits). Anything else is treated as an error response by the caller.
 */
public final class CmqResponses {
    private static final byte[] CODE = "\"code\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HANDLE = "\"receiptHandle\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"msgBody\":\"".getBytes(StandardCharsets.US_ASCII);

    private static final byte QUOTE = (byte) '"';

    /** A code that cannot come from the server: the body had no readable code. */
    public static final int UNREADABLE = -1;

    private CmqResponses() {
    }

    /** The {@code code} field, or {@link #UNREADABLE}. */
    public static int code(byte[] json, int length) {
        int at = indexOf(json, 0, length, CODE);
        if (at < 0) {
            return UNREADABLE;
        }
        int i = at + CODE.length;
        int value = 0;
        int digits = 0;
        while (i < length && json[i] >= '0' && json[i] <= '9' && digits < 9) {
            value = value * 10 + (json[i++] - '0');
            digits++;
        }
        return digits == 0 ? UNREADABLE : value;
    }

    /**
     * Calls {@code visitor} for every received message, in order, with the position of its
     * receipt handle and of its body in {@code json}.
     *
     * @return the number of messages
     */
    public static int forEachMessage(byte[] json, int length, MessageVisitor visitor) {
        int count = 0;
        int from = 0;
        while (true) {
            int h = indexOf(json, from, length, HANDLE);
            if (h < 0) {
                return count;
            }
            int handleStart = h + HANDLE.length;
            int handleEnd = indexOf(json, handleStart, length, QUOTE);
            int b = indexOf(json, handleEnd, length, BODY);
            int bodyStart = b < 0 ? -1 : b + BODY.length;
            int bodyEnd = b < 0 ? -1 : indexOf(json, bodyStart, length, QUOTE);
            visitor.message(count++, handleStart, handleEnd - handleStart, bodyStart, bodyEnd - bodyStart);
            from = Math.max(handleEnd, bodyEnd) + 1;
        }
    }

    static int indexOf(byte[] a, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] a, int from, int to, byte[] pattern) {
        byte first = pattern[0];
        outer:
        for (int i = from, last = to - pattern.length; i <= last; i++) {
            if (a[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (a[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One received message inside a response body; lengths are -1 when absent. */
    @FunctionalInterface
    public interface MessageVisitor {
        void message(int index, int handleOffset, int handleLength, int bodyOffset, int bodyLength);
    }
}
