package io.opencmq.protocol.cmq;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the requestId of every response: a random per-process prefix and a counter, e.g.
 * {@code 5f3a9c21-1b}. Unique within a process and, with high probability, across restarts
 * and nodes; cheap enough for every request. Thread-safe.
 */
final class RequestIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    RequestIds() {
        this.prefix = String.format("%08x-", new SecureRandom().nextInt());
    }

    String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }
}
