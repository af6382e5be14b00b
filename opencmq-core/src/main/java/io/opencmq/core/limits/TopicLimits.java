package io.opencmq.core.limits;

/**
 * Every limit of topics, subscriptions and push delivery, in one place. Defaults follow CMQ's
 * published limits (reference §2 and §3.5). Sizes in bytes, times in seconds.
 */
public record TopicLimits(
        int maxTopics,
        int maxSubscriptionsPerTopic,
        int minMaxMsgSize, int maxMaxMsgSize, int defaultMaxMsgSize,
        int msgRetentionSeconds,
        int maxTags, int maxTagLength,
        int maxBindingKeys, int maxBindingKeyBytes, int maxRoutingKeyDots,
        int maxEndpointLength,
        int pushConcurrencyPerSubscription,
        int pushLockSeconds,
        int backoffRetries, int backoffMinSeconds, int backoffMaxSeconds) {

    public static final TopicLimits DEFAULT = new TopicLimits(
            10_000,
            100,
            1_024, 1_048_576, 65_536,
            86_400,
            5, 16,
            5, 64, 15,
            500,
            16,
            60,
            3, 19, 29);

    /** A copy with another cap on the number of topics. */
    public TopicLimits withMaxTopics(int max) {
        return new TopicLimits(max, maxSubscriptionsPerTopic, minMaxMsgSize, maxMaxMsgSize, defaultMaxMsgSize,
                msgRetentionSeconds, maxTags, maxTagLength, maxBindingKeys, maxBindingKeyBytes, maxRoutingKeyDots,
                maxEndpointLength, pushConcurrencyPerSubscription, pushLockSeconds, backoffRetries, backoffMinSeconds,
                backoffMaxSeconds);
    }

    /** A copy with another cap on the subscriptions of one topic. */
    public TopicLimits withMaxSubscriptionsPerTopic(int max) {
        return new TopicLimits(maxTopics, max, minMaxMsgSize, maxMaxMsgSize, defaultMaxMsgSize,
                msgRetentionSeconds, maxTags, maxTagLength, maxBindingKeys, maxBindingKeyBytes, maxRoutingKeyDots,
                maxEndpointLength, pushConcurrencyPerSubscription, pushLockSeconds, backoffRetries, backoffMinSeconds,
                backoffMaxSeconds);
    }
}
