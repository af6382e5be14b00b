package io.opencmq.core.message;

/**
 * A message to send: its body, the opaque attributes a protocol keeps with it (for example SQS
 * message attributes; null for none — a CMQ client receiving the message sees only the body),
 * and its own delay in seconds, or {@link #QUEUE_DELAY} for the queue's delaySeconds.
 *
 * <p>For a FIFO queue {@code groupId} (the order and blocking unit) and {@code dedupId} (a
 * second send with the same id within five minutes is not stored again) are required; a
 * protocol offering content-based deduplication passes a hash of the body. Both are null for a
 * standard queue. Each is 1–128 characters.
 */
public record OutgoingMessage(byte[] body, byte[] attributes, int delaySeconds, String groupId, String dedupId) {

    /** Use the queue's default delay (its {@code delaySeconds} attribute). */
    public static final int QUEUE_DELAY = -1;

    public OutgoingMessage(byte[] body, byte[] attributes, int delaySeconds) {
        this(body, attributes, delaySeconds, null, null);
    }

    public static OutgoingMessage of(byte[] body) {
        return new OutgoingMessage(body, null, 0);
    }
}
