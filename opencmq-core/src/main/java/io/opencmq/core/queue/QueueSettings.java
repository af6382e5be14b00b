package io.opencmq.core.queue;

import java.util.Map;

/**
 * Attributes given to CreateQueue or SetQueueAttributes. A null field means "not given":
 * the default on create, unchanged on set (a null deadLetterPolicy leaves the policy alone;
 * removing it is {@code unbindDeadLetterQueue}). {@code properties} are merged into the
 * queue's protocol-owned properties: a key mapped to null is removed. {@code fifo} makes a new
 * queue FIFO; on an existing FIFO queue it changes the policy; a standard queue cannot become
 * FIFO, nor the reverse.
 */
public record QueueSettings(
        Long maxMsgHeapNum,
        Integer pollingWaitSeconds,
        Integer visibilityTimeout,
        Integer maxMsgSize,
        Integer msgRetentionSeconds,
        Integer rewindSeconds,
        DeadLetterPolicy deadLetterPolicy,
        Integer delaySeconds,
        Map<String, String> properties,
        FifoPolicy fifo) {

    public static final QueueSettings NONE = new QueueSettings(null, null, null, null, null, null, null);

    public QueueSettings(Long maxMsgHeapNum, Integer pollingWaitSeconds, Integer visibilityTimeout, Integer maxMsgSize,
                         Integer msgRetentionSeconds, Integer rewindSeconds, DeadLetterPolicy deadLetterPolicy) {
        this(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize, msgRetentionSeconds, rewindSeconds,
                deadLetterPolicy, null, null, null);
    }

    public QueueSettings(Long maxMsgHeapNum, Integer pollingWaitSeconds, Integer visibilityTimeout, Integer maxMsgSize,
                         Integer msgRetentionSeconds, Integer rewindSeconds, DeadLetterPolicy deadLetterPolicy,
                         Integer delaySeconds, Map<String, String> properties) {
        this(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize, msgRetentionSeconds, rewindSeconds,
                deadLetterPolicy, delaySeconds, properties, null);
    }

    public QueueSettings withDeadLetterPolicy(DeadLetterPolicy policy) {
        return new QueueSettings(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize,
                msgRetentionSeconds, rewindSeconds, policy, delaySeconds, properties, fifo);
    }
}
