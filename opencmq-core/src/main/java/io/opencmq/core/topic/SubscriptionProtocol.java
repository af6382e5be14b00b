package io.opencmq.core.topic;

/** Where a subscription delivers: into a queue of this server, or by HTTP(S) POST to an endpoint. */
public enum SubscriptionProtocol {
    QUEUE("queue"), HTTP("http"), HTTPS("https");

    private final String wire;

    SubscriptionProtocol(String wire) {
        this.wire = wire;
    }

    /** The protocol's name as CMQ writes it. */
    public String wireName() {
        return wire;
    }

    /** The protocol for CMQ's name (case-insensitive), or null. */
    public static SubscriptionProtocol ofWireName(String name) {
        for (SubscriptionProtocol p : values()) {
            if (p.wire.equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
