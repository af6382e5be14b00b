package io.opencmq.core.message;

/**
 * A message to send: its body, the opaque attributes a protocol keeps with it (for example SQS
 * message attributes; null for none — a CMQ client receiving the message sees only the body),
 * and its own delay in seconds, or {@link #QUEUE_DELAY} for the queue's delaySeconds.
 */
public record OutgoingMessage(byte[] body, byte[] attributes, int delaySeconds) {

    /** Use the queue's default delay (its {@code delaySeconds} attribute). */
    public static final int QUEUE_DELAY = -1;

    public static OutgoingMessage of(byte[] body) {
        return new OutgoingMessage(body, null, 0);
    }
}
