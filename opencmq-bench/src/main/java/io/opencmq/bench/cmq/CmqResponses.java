package io.opencmq.bench.cmq;

import io.opencmq.bench.http.JsonScan;

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

    /** A code that cannot come from the server: the body had no readable code. */
    public static final int UNREADABLE = -1;

    private CmqResponses() {
    }

    /** The {@code code} field, or {@link #UNREADABLE}. */
    public static int code(byte[] json, int length) {
        int at = JsonScan.indexOf(json, 0, length, CODE);
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
    public static int forEachMessage(byte[] json, int length, JsonScan.MessageVisitor visitor) {
        return JsonScan.forEachMessage(json, length, HANDLE, BODY, visitor);
    }
}
