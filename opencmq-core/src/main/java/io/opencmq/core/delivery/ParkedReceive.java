package io.opencmq.core.delivery;

import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.time.Scheduler;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A long-poll receive waiting for a message: no thread, just the future to complete and the
 * timer that ends the wait. Owned by a queue's waiter list, used under the queue's lock.
 */
public final class ParkedReceive {
    public final int maxMessages;
    /** The lock duration in seconds the receive asked for; null = the queue's visibilityTimeout. */
    public final Integer visibilitySeconds;
    /** A FIFO receive's retry token (see {@code QueueService.receive}), or null. */
    public final String attemptId;
    public final CompletableFuture<List<ReceivedMessage>> result;
    public Scheduler.Cancellable timeout;

    public ParkedReceive(int maxMessages, Integer visibilitySeconds, String attemptId,
                         CompletableFuture<List<ReceivedMessage>> result) {
        this.maxMessages = maxMessages;
        this.visibilitySeconds = visibilitySeconds;
        this.attemptId = attemptId;
        this.result = result;
    }
}
