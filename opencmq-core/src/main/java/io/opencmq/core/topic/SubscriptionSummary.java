package io.opencmq.core.topic;

/** One row of ListSubscriptionByTopic. */
public record SubscriptionSummary(SubscriptionRef subscription, SubscriptionProtocol protocol, String endpoint) {
}
