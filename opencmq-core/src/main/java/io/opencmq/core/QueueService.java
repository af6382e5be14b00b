package io.opencmq.core;

import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.core.queue.QueueSettings;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What protocol adapters call: the queue model, free of any wire format. Queue names are
 * matched case-insensitively. Every method either returns or fails with a
 * {@link io.opencmq.core.error.QueueException} (directly, or as the cause of a failed
 * future). Futures of state-changing calls complete only after the change is durable under
 * the configured fsync policy; they may complete on a storage or timer thread, so callers
 * must not block in their continuations.
 */
public interface QueueService {

    CompletableFuture<QueueRef> createQueue(String queueName, QueueSettings settings);

    CompletableFuture<Void> deleteQueue(String queueName);

    /** Queues whose name contains {@code searchWord} (case-insensitive; null = all), by name. */
    QueuePage listQueues(String searchWord, int offset, int limit);

    QueueAttributes getQueueAttributes(String queueName);

    /**
     * The queue's configuration alone: cheap (no counters, no disk read), for checks on hot
     * paths such as a protocol's own size rule before a send.
     */
    QueueConfig getQueueConfig(String queueName);

    /** Applies the given settings and returns the queue's new configuration. */
    CompletableFuture<QueueConfig> setQueueAttributes(String queueName, QueueSettings changes);

    /**
     * Makes every retained message sent at or after {@code startConsumeTimeMillis} receivable
     * again, deleted or not, in production order.
     */
    CompletableFuture<Void> rewindQueue(String queueName, long startConsumeTimeMillis);

    /** Deletes every message of the queue (locked and delayed ones too). */
    CompletableFuture<Void> purgeQueue(String queueName);

    /** Sends a batch (1..maxBatchSize bodies) with one delay for all; ids in the same order. */
    CompletableFuture<List<SentMessage>> send(String queueName, List<byte[]> bodies, int delaySeconds);

    /**
     * Sends a batch (1..maxBatchSize messages), each with its own delay and opaque attributes
     * (returned by receive in {@link ReceivedMessage#attributes()}); ids in the same order.
     */
    CompletableFuture<List<SentMessage>> sendMessages(String queueName, List<io.opencmq.core.message.OutgoingMessage> messages);

    /**
     * Receives up to {@code maxMessages} messages, locking each for the queue's visibility
     * timeout. When none is available, waits up to {@code waitSeconds} (null = the queue's
     * pollingWaitSeconds) for one; completes with an empty list if none came.
     */
    CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds);

    /**
     * Like {@link #receive(String, int, Integer)}, locking each message for
     * {@code visibilitySeconds} (0–43200) instead of the queue's visibilityTimeout; null = the
     * queue's. A lock of 0 seconds delivers the message without hiding it.
     */
    CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds,
                                                     Integer visibilitySeconds);

    /**
     * Like {@link #receive(String, int, Integer, Integer)}; on a FIFO queue a non-null
     * {@code attemptId} makes the receive retryable: repeating it within five minutes, while
     * none of the messages it returned was deleted, made visible or re-locked, returns the same
     * messages and receipt handles (their locks restart). Ignored on a standard queue.
     */
    CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds,
                                                     Integer visibilitySeconds, String attemptId);

    CompletableFuture<Void> deleteMessage(String queueName, String receiptHandle);

    /**
     * Moves the end of a received message's lock to now + {@code visibilityTimeoutSeconds}
     * (0 = receivable again at once), but never beyond the longest visibility timeout after the
     * receive that took the lock (PARAMETER_OUT_OF_RANGE). The receipt handle stays valid;
     * nothing is written to disk.
     */
    CompletableFuture<Void> changeMessageVisibility(String queueName, String receiptHandle, int visibilityTimeoutSeconds);

    /** Deletes each handle independently; the outcomes are in the same order as the handles. */
    CompletableFuture<List<DeleteOutcome>> deleteMessages(String queueName, List<String> receiptHandles);

    /** Queues whose dead-letter policy names {@code deadLetterQueueName}. */
    QueuePage listDeadLetterSourceQueues(String deadLetterQueueName, String searchWord, int offset, int limit);

    /** Removes the queue's dead-letter policy. */
    CompletableFuture<QueueRef> unbindDeadLetterQueue(String queueName);

    /**
     * Starts moving the messages now in dead-letter queue {@code sourceQueue} back to the queue
     * each came from, or all to {@code destinationQueue} if not null, at most
     * {@code maxPerSecond} a second (null = unthrottled). Each message is written to its
     * destination before it is deleted from the source (a crash in between leaves a copy in
     * both, never none). One task per source queue runs at a time. Tasks live in memory: after
     * a restart the list is empty and an interrupted task must be started again.
     */
    CompletableFuture<io.opencmq.core.queue.MessageMoveTask> startMessageMoveTask(
            String sourceQueue, String destinationQueue, Integer maxPerSecond);

    /** The most recent tasks of a source queue, newest first, at most {@code max}. */
    List<io.opencmq.core.queue.MessageMoveTask> listMessageMoveTasks(String sourceQueue, int max);

    /** Stops a running task; messages already moved stay moved. Returns the task as cancelled. */
    io.opencmq.core.queue.MessageMoveTask cancelMessageMoveTask(String taskHandle);

    /** The limits this service enforces. */
    io.opencmq.core.limits.QueueLimits limits();
}
