package io.opencmq.core.message;

/** What a producer learns about a message it sent. */
public record SentMessage(String msgId) {
}
