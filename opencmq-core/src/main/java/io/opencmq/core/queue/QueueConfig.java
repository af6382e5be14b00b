package io.opencmq.core.queue;

/**
 * The effective attributes of a queue. Times in seconds, sizes in bytes.
 * {@code deadLetterPolicy} is null when the queue has none.
 */
public record QueueConfig(
        long maxMsgHeapNum,
        int pollingWaitSeconds,
        int visibilityTimeout,
        int maxMsgSize,
        int msgRetentionSeconds,
        int rewindSeconds,
        DeadLetterPolicy deadLetterPolicy) {
}
