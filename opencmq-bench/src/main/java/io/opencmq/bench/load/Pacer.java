package io.opencmq.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop rate limit shared by the producers of a run: message k may be sent at
 * {@code start + k / rate}. A producer claims slots for its next request and sends when the
 * first claimed slot is due, whatever happened to earlier requests, so a slow server shows up
 * as latency rather than as a lower offered rate. Thread-safe.
 */
public final class Pacer {
    private final double nanosPerMessage;
    private final AtomicLong claimed = new AtomicLong();
    private volatile long startNanos;

    public Pacer(double messagesPerSecond) {
        if (messagesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + messagesPerSecond);
        }
        this.nanosPerMessage = 1e9 / messagesPerSecond;
        this.startNanos = System.nanoTime();
    }

    /** Starts the schedule now (call when the load starts). */
    public void restart() {
        claimed.set(0);
        startNanos = System.nanoTime();
    }

    /** Claims {@code messages} slots; returns when the first of them is due (nanoTime). */
    public long claim(int messages) {
        long k = claimed.getAndAdd(messages);
        return startNanos + (long) (k * nanosPerMessage);
    }
}
