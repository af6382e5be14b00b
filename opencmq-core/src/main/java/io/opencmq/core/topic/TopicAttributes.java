package io.opencmq.core.topic;

/**
 * A topic's configuration and state. Times are Unix milliseconds.
 *
 * @param msgRetentionSeconds how long a published message is kept for delivery (fixed, 1 day)
 * @param msgCount messages published and still waiting for delivery to an HTTP endpoint
 */
public record TopicAttributes(
        TopicRef topic,
        int maxMsgSize,
        int msgRetentionSeconds,
        FilterType filterType,
        long createTimeMillis,
        long lastModifyTimeMillis,
        long msgCount) {
}
