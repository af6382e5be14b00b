package io.opencmq.core.queue;

import java.util.Map;

/**
 * The effective attributes of a queue. Times in seconds, sizes in bytes.
 * {@code deadLetterPolicy} is null when the queue has none. {@code delaySeconds} is the delay
 * of a message sent without one of its own (SQS's queue-level DelaySeconds; CMQ always sends
 * its own). {@code properties} are protocol-owned attributes the core keeps but does not
 * interpret (for example SQS tags or RedriveAllowPolicy), never null. {@code fifo} is null for a
 * standard queue.
 */
public record QueueConfig(
        long maxMsgHeapNum,
        int pollingWaitSeconds,
        int visibilityTimeout,
        int maxMsgSize,
        int msgRetentionSeconds,
        int rewindSeconds,
        DeadLetterPolicy deadLetterPolicy,
        int delaySeconds,
        Map<String, String> properties,
        FifoPolicy fifo) {

    public QueueConfig {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public QueueConfig(long maxMsgHeapNum, int pollingWaitSeconds, int visibilityTimeout, int maxMsgSize,
                       int msgRetentionSeconds, int rewindSeconds, DeadLetterPolicy deadLetterPolicy,
                       int delaySeconds, Map<String, String> properties) {
        this(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize, msgRetentionSeconds, rewindSeconds,
                deadLetterPolicy, delaySeconds, properties, null);
    }

    public QueueConfig(long maxMsgHeapNum, int pollingWaitSeconds, int visibilityTimeout, int maxMsgSize,
                       int msgRetentionSeconds, int rewindSeconds, DeadLetterPolicy deadLetterPolicy) {
        this(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize, msgRetentionSeconds, rewindSeconds,
                deadLetterPolicy, 0, Map.of(), null);
    }

    /** A FIFO queue (see {@link FifoPolicy}); fixed when the queue is created. */
    public boolean isFifo() {
        return fifo != null;
    }

    public QueueConfig withDeadLetterPolicy(DeadLetterPolicy policy) {
        return new QueueConfig(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize, msgRetentionSeconds,
                rewindSeconds, policy, delaySeconds, properties, fifo);
    }
}
