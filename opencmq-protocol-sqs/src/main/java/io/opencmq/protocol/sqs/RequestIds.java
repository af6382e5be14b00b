package io.opencmq.protocol.sqs;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the RequestId of every answer, shaped like AWS's (a UUID): 64 random bits chosen once
 * per process, then a counter. Unique within a process and, with high probability, across
 * restarts; cheaper than {@code UUID.randomUUID()} on every request. Thread-safe.
 */
final class RequestIds {
    private final long high;
    private final AtomicLong counter = new AtomicLong();

    RequestIds() {
        this.high = new SecureRandom().nextLong();
    }

    String next() {
        long low = counter.incrementAndGet();
        String h = String.format("%016x", high);
        String l = String.format("%016x", low);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + l.substring(0, 4) + "-" + l.substring(4);
    }
}
