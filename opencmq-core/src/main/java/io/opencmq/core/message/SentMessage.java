package io.opencmq.core.message;

/**
 * What a producer learns about a message it sent: its id and its sequence number, which grows
 * with every message of the queue (in a FIFO queue: send order). A send deduplicated by a FIFO
 * queue answers the first copy's id and number.
 */
public record SentMessage(String msgId, long sequenceNumber) {
}
