package io.opencmq.core.queue;

/**
 * A task that moves the messages of a dead-letter queue back to the queues they came from (or
 * to one named destination). Times are Unix milliseconds.
 *
 * @param handle            names the task for {@code cancelMessageMoveTask}
 * @param sourceQueue       the dead-letter queue being emptied
 * @param destinationQueue  the one destination, or null: each message goes back to its source
 * @param maxPerSecond      the rate limit asked for, or null: as fast as the server can
 * @param toMove            messages in the source when the task started (an estimate: only
 *                          these, never messages that arrive later, are moved)
 * @param moved             messages moved so far
 * @param failureReason     why a FAILED task stopped, else null
 */
public record MessageMoveTask(
        String handle,
        String sourceQueue,
        String destinationQueue,
        Integer maxPerSecond,
        Status status,
        long toMove,
        long moved,
        long startedAt,
        String failureReason) {

    public enum Status { RUNNING, CANCELLING, CANCELLED, COMPLETED, FAILED }
}
