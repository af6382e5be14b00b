package io.opencmq.core.queue;

/**
 * Attributes given to CreateQueue or SetQueueAttributes. A null field means "not given":
 * the default on create, unchanged on set. {@code deadLetterPolicy} is only applied when
 * {@code deadLetterPolicyGiven} is true, so that a set can leave the policy alone.
 */
public record QueueSettings(
        Long maxMsgHeapNum,
        Integer pollingWaitSeconds,
        Integer visibilityTimeout,
        Integer maxMsgSize,
        Integer msgRetentionSeconds,
        Integer rewindSeconds,
        DeadLetterPolicy deadLetterPolicy) {

    public static final QueueSettings NONE = new QueueSettings(null, null, null, null, null, null, null);

    public QueueSettings withDeadLetterPolicy(DeadLetterPolicy policy) {
        return new QueueSettings(maxMsgHeapNum, pollingWaitSeconds, visibilityTimeout, maxMsgSize,
                msgRetentionSeconds, rewindSeconds, policy);
    }
}
