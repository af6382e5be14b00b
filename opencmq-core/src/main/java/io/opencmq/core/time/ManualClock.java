package io.opencmq.core.time;

import java.util.PriorityQueue;

/**
 * A clock that moves only when told to, with a scheduler bound to it: tasks due at or before
 * the new time run inside {@link #advance(long)}, in due order, on the caller's thread. Used
 * by tests to make timing deterministic.
 */
public final class ManualClock implements Clock, Scheduler {
    private long now;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();

    public ManualClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public synchronized long millis() {
        return now;
    }

    /** Moves time forward and runs every task that has become due. */
    public void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
            }
            if (!next.cancelled) {
                next.runnable.run();
            }
        }
    }

    public void advanceSeconds(long seconds) {
        advance(seconds * 1000);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Task t = new Task(now + Math.max(0, delayMillis), sequence++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long order;
        final Runnable runnable;
        volatile boolean cancelled;

        Task(long due, long order, Runnable runnable) {
            this.due = due;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
