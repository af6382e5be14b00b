package io.opencmq.core.topic;

/** A topic's public identity: its id (e.g. {@code topic-1a}) and its name as created. */
public record TopicRef(String topicId, String topicName) {
}
