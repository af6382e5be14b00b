package io.opencmq.core.topic;

import java.util.List;

/** One page of a subscription listing; {@code totalCount} counts all matches. */
public record SubscriptionPage(int totalCount, List<SubscriptionSummary> subscriptions) {
}
