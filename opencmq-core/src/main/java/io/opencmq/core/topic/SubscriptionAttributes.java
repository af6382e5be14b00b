package io.opencmq.core.topic;

import java.util.List;

/**
 * A subscription's configuration and delivery state. Times are Unix milliseconds.
 *
 * @param msgCount messages waiting to be pushed (always 0 for queue subscriptions, which
 *        deliver at publish time)
 * @param deliveredCount messages delivered since the server started
 * @param failedAttempts failed delivery attempts since the server started
 * @param lastError the last delivery failure ("" if none since start)
 * @param lastErrorTimeMillis when it happened, 0 if none
 */
public record SubscriptionAttributes(
        SubscriptionRef subscription,
        TopicRef topic,
        SubscriptionProtocol protocol,
        String endpoint,
        NotifyStrategy notifyStrategy,
        ContentFormat notifyContentFormat,
        List<String> filterTags,
        List<String> bindingKeys,
        long createTimeMillis,
        long lastModifyTimeMillis,
        long msgCount,
        long deliveredCount,
        long failedAttempts,
        String lastError,
        long lastErrorTimeMillis) {
}
