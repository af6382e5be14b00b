package io.opencmq.core.message;

/**
 * A message to send: its body, the opaque attributes a protocol keeps with it (for example SQS
 * message attributes; null for none — a CMQ client receiving the message sees only the body),
 * and its own delay in seconds.
 */
public record OutgoingMessage(byte[] body, byte[] attributes, int delaySeconds) {

    public static OutgoingMessage of(byte[] body) {
        return new OutgoingMessage(body, null, 0);
    }
}
