package io.opencmq.core.engine;

import io.opencmq.core.limits.QueueLimits;

/**
 * Tunables of the {@link Broker}.
 *
 * @param limits the limits enforced on every request
 * @param maxParkedReceives cap on long-poll receives waiting at once, node-wide; beyond it a
 *        receive does not wait (it returns what is there, possibly nothing)
 * @param readyWindow how many receivable messages per queue are kept in memory ahead of
 *        consumers; the rest of a backlog stays on disk
 */
public record BrokerOptions(QueueLimits limits, int maxParkedReceives, int readyWindow) {
    public static BrokerOptions defaults() {
        return new BrokerOptions(QueueLimits.DEFAULT, 100_000, 256);
    }

    public BrokerOptions withLimits(QueueLimits newLimits) {
        return new BrokerOptions(newLimits, maxParkedReceives, readyWindow);
    }

    public BrokerOptions withMaxParkedReceives(int max) {
        return new BrokerOptions(limits, max, readyWindow);
    }
}
