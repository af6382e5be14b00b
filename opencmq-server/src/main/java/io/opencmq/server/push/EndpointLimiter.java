package io.opencmq.server.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Caps the pushes in flight to one endpoint (a scheme://host:port) at a fixed number. A push
 * beyond the cap waits in that endpoint's FIFO queue, without a thread, and starts when an
 * earlier one finishes; one that has waited longer than {@code maxWaitNanos} by then is
 * rejected instead, so a hung endpoint turns waiting pushes into failed attempts rather than
 * an ever longer queue. Endpoints with nothing in flight and nothing waiting are forgotten.
 *
 * <p>Thread-safety: all state is guarded by this object. Tasks are started and rejected
 * outside that lock, on the thread that calls {@link #submit} or {@link #release}.
 */
final class EndpointLimiter {

    /** A push waiting for a slot: either {@code start} runs or {@code reject} is told why not. */
    record Waiter(Runnable start, Consumer<String> reject, long enqueuedNanos) { }

    private static final class Lane {
        int active;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    }

    private final int maxPerEndpoint;
    private final long maxWaitNanos;
    private final Map<String, Lane> lanes = new HashMap<>();

    EndpointLimiter(int maxPerEndpoint, long maxWaitNanos) {
        this.maxPerEndpoint = maxPerEndpoint;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * Starts {@code start} now if {@code endpoint} has a free slot, otherwise queues it. Every
     * started task must be followed by exactly one {@link #release(String)} of its endpoint.
     */
    void submit(String endpoint, Runnable start, Consumer<String> reject) {
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(endpoint, k -> new Lane());
            if (lane.active >= maxPerEndpoint) {
                lane.waiting.add(new Waiter(start, reject, System.nanoTime()));
                return;
            }
            lane.active++;
        }
        start.run();
    }

    /** Gives back a slot of {@code endpoint}: the next waiter that has not waited too long takes it. */
    void release(String endpoint) {
        List<Waiter> expired = new ArrayList<>();
        Waiter next = null;
        long now = System.nanoTime();
        synchronized (this) {
            Lane lane = lanes.get(endpoint);
            if (lane == null) {
                return;
            }
            Waiter w;
            while ((w = lane.waiting.poll()) != null) {
                if (now - w.enqueuedNanos() > maxWaitNanos) {
                    expired.add(w);
                } else {
                    next = w;
                    break;
                }
            }
            if (next == null) {
                lane.active--;
                if (lane.active == 0 && lane.waiting.isEmpty()) {
                    lanes.remove(endpoint);
                }
            }
        }
        String why = "no free connection to " + endpoint + " within " + maxWaitNanos / 1_000_000 + " ms ("
                + maxPerEndpoint + " pushes to it were in flight)";
        expired.forEach(e -> e.reject().accept(why));
        if (next != null) {
            next.start().run();
        }
    }

    /** Removes and returns every waiting push (at shutdown); the caller rejects them. */
    List<Waiter> drainWaiting() {
        List<Waiter> all = new ArrayList<>();
        synchronized (this) {
            for (Lane lane : lanes.values()) {
                all.addAll(lane.waiting);
                lane.waiting.clear();
            }
        }
        return all;
    }

    /** Pushes in flight to {@code endpoint} right now (tests). */
    synchronized int active(String endpoint) {
        Lane lane = lanes.get(endpoint);
        return lane == null ? 0 : lane.active;
    }

    /** Pushes waiting for a slot of {@code endpoint} right now (tests). */
    synchronized int waiting(String endpoint) {
        Lane lane = lanes.get(endpoint);
        return lane == null ? 0 : lane.waiting.size();
    }
}
