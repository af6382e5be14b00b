package io.opencmq.core.topic;

/**
 * How failed HTTP pushes are retried. {@link #BACKOFF_RETRY}: three more attempts, 19–29 s
 * apart, then the message is dropped. {@link #EXPONENTIAL_DECAY_RETRY}: attempts 1, 2, 4, 8 …
 * seconds apart until the topic's message lifetime (1 day) ends.
 */
public enum NotifyStrategy {
    BACKOFF_RETRY, EXPONENTIAL_DECAY_RETRY;

    /** The strategy for CMQ's name (case-insensitive), or null. */
    public static NotifyStrategy ofWireName(String name) {
        for (NotifyStrategy s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
