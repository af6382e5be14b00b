package io.opencmq.core.topic;

/**
 * What an HTTP push carries: {@link #JSON} — an envelope with topic, subscription, message id,
 * body and publish time; {@link #SIMPLIFIED} — the raw body. Queue subscriptions are always
 * SIMPLIFIED (the body is copied into the queue).
 */
public enum ContentFormat {
    JSON, SIMPLIFIED;

    /** The format for CMQ's name (case-insensitive), or null. */
    public static ContentFormat ofWireName(String name) {
        for (ContentFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
