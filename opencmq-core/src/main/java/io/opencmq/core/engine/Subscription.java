package io.opencmq.core.engine;

import io.opencmq.core.topic.SubscriptionRef;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscription at run time: its record, the hidden queue an HTTP subscription pushes from,
 * and delivery statistics since the server started (in memory only).
 */
final class Subscription {
    volatile SubscriptionMeta meta;
    final Topic topic;
    /** Null for queue subscriptions. */
    final QueueEngine pushQueue;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    volatile String lastError = "";
    volatile long lastErrorTime;
    volatile PushPump pump;

    Subscription(SubscriptionMeta meta, Topic topic, QueueEngine pushQueue) {
        this.meta = meta;
        this.topic = topic;
        this.pushQueue = pushQueue;
    }

    SubscriptionRef ref() {
        return new SubscriptionRef("subscribe-" + Long.toString(meta.subscriptionId(), 36), meta.name());
    }

    void recordFailure(String error, long now) {
        failedAttempts.incrementAndGet();
        lastError = error;
        lastErrorTime = now;
    }
}
