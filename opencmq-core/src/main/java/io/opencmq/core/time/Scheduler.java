package io.opencmq.core.time;

/**
 * Runs a task after a delay measured on the same {@link Clock} the engine uses. Long-poll
 * deadlines and wake-ups for lock expiry or delayed messages are scheduled here; nothing in
 * the core sleeps or owns a thread per waiting request.
 */
public interface Scheduler {
    /** Schedules {@code task} to run once, {@code delayMillis} from now. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A scheduled task that can be withdrawn before it runs. */
    interface Cancellable {
        void cancel();
    }
}
