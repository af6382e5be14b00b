package io.opencmq.bench.sqs;

import io.opencmq.bench.http.JsonScan;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load generator needs from SQS JSON 1.0 answers without a parser
 * (the server writes compact JSON; receipt handles and bench bodies need no escapes):
 * the messages of a ReceiveMessage answer, and how many entries of a batch answer failed.
 * Errors are told by the HTTP status; {@link #describeError} is for the one diagnostic line.
 */
public final class SqsResponses {
    private static final byte[] HANDLE = "\"ReceiptHandle\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"Body\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Only a batch answer's failed entries carry SenderFault. */
    private static final byte[] SENDER_FAULT = "\"SenderFault\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE = "\"Code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DESCRIPTION = 300;

    private SqsResponses() {
    }

    /** Calls {@code visitor} for every message of a ReceiveMessage answer; returns their number. */
    public static int forEachMessage(byte[] json, int length, JsonScan.MessageVisitor visitor) {
        return JsonScan.forEachMessage(json, length, HANDLE, BODY, visitor);
    }

    /** The entries of a batch answer (SendMessageBatch, DeleteMessageBatch) listed under Failed. */
    public static int failedEntries(byte[] json, int length) {
        return JsonScan.count(json, length, SENDER_FAULT);
    }

    /**
     * One line for a refused request or failed entry: the status and the answer, or the first
     * failed entry's code. Allocates; only for the first error of a kind.
     */
    public static String describeError(int status, byte[] json, int length) {
        int code = status == 200 ? JsonScan.indexOf(json, 0, length, CODE) : -1;
        int from = Math.max(0, code);
        String text = new String(json, from, Math.min(length - from, MAX_DESCRIPTION), StandardCharsets.UTF_8);
        return (status == 200 ? "failed batch entry: " : "HTTP " + status + ": ") + text;
    }
}
