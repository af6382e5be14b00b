package io.opencmq.bench.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte buffer that SQS request bodies are written into: constant pieces as
 * pre-encoded bytes, values as JSON strings or numbers. Reset per request; grows only.
 * Not thread-safe.
 */
public final class JsonBody {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[2048];
    private int length;

    public JsonBody reset() {
        length = 0;
        return this;
    }

    /** Appends bytes as they are (pre-encoded JSON syntax and keys). */
    public JsonBody raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, length, json.length);
        length += json.length;
        return this;
    }

    /**
     * Appends a quoted JSON string of UTF-8 bytes: quote, backslash and control characters
     * escaped, everything else (multi-byte UTF-8 included) copied.
     */
    public JsonBody string(byte[] utf8, int offset, int count) {
        ensure(2 + 6 * count);
        byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = offset, end = offset + count; i < end; i++) {
            byte c = utf8[i];
            if (c == '"' || c == '\\') {
                b[at++] = '\\';
                b[at++] = c;
            } else if (c >= 0 && c < 0x20) {
                b[at++] = '\\';
                b[at++] = 'u';
                b[at++] = '0';
                b[at++] = '0';
                b[at++] = HEX[c >> 4];
                b[at++] = HEX[c & 0xf];
            } else {
                b[at++] = c;
            }
        }
        b[at++] = '"';
        length = at;
        return this;
    }

    public JsonBody number(int value) {
        return raw(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }
}
