package io.opencmq.core.topic;

/** A subscription's public identity: its id (e.g. {@code subscribe-2b}) and its name. */
public record SubscriptionRef(String subscriptionId, String subscriptionName) {
}
