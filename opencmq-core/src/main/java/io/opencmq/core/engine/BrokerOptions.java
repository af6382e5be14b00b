package io.opencmq.core.engine;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.limits.TopicLimits;

/**
 * Tunables of the {@link Broker}.
 *
 * @param limits the limits enforced on every request
 * @param maxParkedReceives cap on long-poll receives waiting at once, node-wide; beyond it a
 *        receive does not wait (it returns what is there, possibly nothing)
 * @param readyWindow how many receivable messages per queue are kept in memory ahead of
 *        consumers; the rest of a backlog stays on disk
 * @param topicLimits the limits of topics, subscriptions and push delivery
 * @param maxDedupIds FIFO deduplication ids remembered at once, node-wide (each is kept in memory
 *        for five minutes, about 250 bytes); a FIFO send that would exceed it is throttled
 */
public record BrokerOptions(QueueLimits limits, int maxParkedReceives, int readyWindow, TopicLimits topicLimits,
                            int maxDedupIds) {

    /** The default of {@code maxDedupIds}: five minutes of FIFO sends at about 3,300 a second. */
    public static final int DEFAULT_MAX_DEDUP_IDS = 1_000_000;

    public BrokerOptions(QueueLimits limits, int maxParkedReceives, int readyWindow) {
        this(limits, maxParkedReceives, readyWindow, TopicLimits.DEFAULT, DEFAULT_MAX_DEDUP_IDS);
    }

    public static BrokerOptions defaults() {
        return new BrokerOptions(QueueLimits.DEFAULT, 100_000, 256, TopicLimits.DEFAULT, DEFAULT_MAX_DEDUP_IDS);
    }

    public BrokerOptions withLimits(QueueLimits newLimits) {
        return new BrokerOptions(newLimits, maxParkedReceives, readyWindow, topicLimits, maxDedupIds);
    }

    public BrokerOptions withMaxParkedReceives(int max) {
        return new BrokerOptions(limits, max, readyWindow, topicLimits, maxDedupIds);
    }

    public BrokerOptions withTopicLimits(TopicLimits newLimits) {
        return new BrokerOptions(limits, maxParkedReceives, readyWindow, newLimits, maxDedupIds);
    }

    public BrokerOptions withMaxDedupIds(int max) {
        return new BrokerOptions(limits, maxParkedReceives, readyWindow, topicLimits, max);
    }
}
