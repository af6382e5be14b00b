package io.opencmq.core.queue;

/** A queue's public identity: its id (e.g. {@code queue-1a2b}) and its name as created. */
public record QueueRef(String queueId, String queueName) {
}
