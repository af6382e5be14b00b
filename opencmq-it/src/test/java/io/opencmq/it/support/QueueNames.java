package io.opencmq.it.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue names that no other test uses: a readable prefix plus a counter and the JVM's start
 * time, within CMQ's rules (a letter first, then letters, digits and '-', at most 64 chars).
 */
public final class QueueNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000L, 36);

    private QueueNames() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
