package io.opencmq.bench.http;

/**
 * Byte searches over compact JSON response bodies, for the response scanners of both
 * protocols: the generator reads the few fields it needs (a code, receipt handles, message
 * bodies) by looking for their keys instead of parsing, which is only sound because the
 * server writes compact JSON and the values the bench looks at need no escapes.
 */
public final class JsonScan {

    private JsonScan() {
    }

    public static int indexOf(byte[] a, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }

    public static int indexOf(byte[] a, int from, int to, byte[] pattern) {
        byte first = pattern[0];
        outer:
        for (int i = Math.max(0, from), last = to - pattern.length; i <= last; i++) {
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

    /** How often {@code pattern} occurs in {@code a[0, length)} (without overlaps). */
    public static int count(byte[] a, int length, byte[] pattern) {
        int n = 0;
        for (int at = indexOf(a, 0, length, pattern); at >= 0; at = indexOf(a, at + pattern.length, length, pattern)) {
            n++;
        }
        return n;
    }

    /**
     * Calls {@code visitor} for every message of a receive answer, in order: each starts with
     * {@code handleKey} (the key with its quotes, colon and opening quote of the value) and may
     * have {@code bodyKey} after it.
     *
     * @return the number of messages
     */
    public static int forEachMessage(byte[] json, int length, byte[] handleKey, byte[] bodyKey, MessageVisitor visitor) {
        int count = 0;
        int from = 0;
        while (true) {
            int h = indexOf(json, from, length, handleKey);
            if (h < 0) {
                return count;
            }
            int handleStart = h + handleKey.length;
            int handleEnd = indexOf(json, handleStart, length, (byte) '"');
            if (handleEnd < 0) {
                return count;
            }
            int next = indexOf(json, handleEnd, length, handleKey);
            int b = indexOf(json, handleEnd, next < 0 ? length : next, bodyKey);
            int bodyStart = b < 0 ? -1 : b + bodyKey.length;
            int bodyEnd = b < 0 ? -1 : indexOf(json, bodyStart, length, (byte) '"');
            visitor.message(count++, handleStart, handleEnd - handleStart, bodyStart, bodyEnd < 0 ? -1 : bodyEnd - bodyStart);
            from = Math.max(handleEnd, bodyEnd) + 1;
        }
    }

    /** One received message inside a response body; body offset and length are -1 when absent. */
    @FunctionalInterface
    public interface MessageVisitor {
        void message(int index, int handleOffset, int handleLength, int bodyOffset, int bodyLength);
    }
}
