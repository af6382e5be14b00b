package io.opencmq.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the server is up (what {@code /health} reports) and how many requests are being
 * answered right now (what a graceful shutdown waits for). Thread-safe.
 */
public final class ServerStatus {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean up;
    private volatile boolean shuttingDown;

    /** The server accepts requests. */
    public void markUp() {
        up = true;
    }

    /** Shutdown has begun: health turns 503 and answers ask clients to close the connection. */
    public void markShuttingDown() {
        shuttingDown = true;
    }

    public boolean isUp() {
        return up && !shuttingDown;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until no request is being answered; returns false if the time ran out first. */
    public boolean awaitNoInFlight(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }
}
