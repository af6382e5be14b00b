package io.opencmq.core.engine;

import io.opencmq.core.topic.TopicRef;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A topic at run time: its record and its subscriptions (by lower-cased name). Publishing
 * reads the subscriptions without a lock; changes go through {@link TopicRegistry}'s lock.
 */
final class Topic {
    volatile TopicMeta meta;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Message ids: unique per topic across restarts, because the counter starts at the clock. */
    private final AtomicLong messageCounter;

    Topic(TopicMeta meta, long now) {
        this.meta = meta;
        this.messageCounter = new AtomicLong(now * 1000);
    }

    String publicId() {
        return "topic-" + Long.toString(meta.topicId(), 36);
    }

    TopicRef ref() {
        return new TopicRef(publicId(), meta.name());
    }

    String nextMsgId() {
        return Long.toString(meta.topicId(), 36) + "-" + Long.toString(messageCounter.incrementAndGet(), 36);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
