package io.opencmq.core.topic;

/**
 * How a topic chooses the subscriptions a message goes to. CMQ numbers them 1 and 2.
 * {@link #TAG}: a subscription with filter tags gets messages sharing at least one tag; one
 * without filter tags gets everything. {@link #ROUTING_KEY}: a message's routing key is matched
 * against each subscription's binding keys, dot-separated words where {@code *} matches one
 * word and {@code #} zero or more.
 */
public enum FilterType {
    TAG(1), ROUTING_KEY(2);

    private final int code;

    FilterType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for CMQ's number, or null if there is none. */
    public static FilterType ofCode(int code) {
        for (FilterType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
