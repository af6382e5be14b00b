package io.opencmq.core.limits;

/**
 * Every limit the queue core enforces, in one place. The defaults follow CMQ's published
 * limits where the core serves CMQ and SQS alike, and the wider of the two where they differ
 * (queue names up to 80 characters, a visibility timeout of 0; the CMQ front keeps CMQ's own
 * narrower rules on creation); an embedding (or a test) may pass other values, for example a lower floor for
 * {@code maxMsgHeapNum} so that "queue full" can be exercised without a million messages.
 *
 * <p>Ranges are inclusive. Times are in seconds, sizes in bytes.
 */
public record QueueLimits(
        int maxQueues,
        long minMaxMsgHeapNum, long maxMaxMsgHeapNum, long defaultMaxMsgHeapNum,
        int maxPollingWaitSeconds, int defaultPollingWaitSeconds,
        int minVisibilityTimeout, int maxVisibilityTimeout, int defaultVisibilityTimeout,
        int minMaxMsgSize, int maxMaxMsgSize, int defaultMaxMsgSize,
        int minMsgRetentionSeconds, int maxMsgRetentionSeconds, int defaultMsgRetentionSeconds,
        int maxRewindSeconds,
        int maxBatchSize,
        int maxBatchBytes,
        int minDeadLetterMaxReceiveCount, int maxDeadLetterMaxReceiveCount,
        int minDeadLetterTimeToLive, int maxDeadLetterTimeToLive,
        int maxDeadLetterSources,
        int maxQueueNameLength,
        int maxQueueDelaySeconds,
        int maxQueueProperties) {

    /** CMQ's published limits. */
    public static final QueueLimits DEFAULT = new QueueLimits(
            10_000,
            1_000_000L, 1_000_000_000L, 100_000_000L,
            30, 0,
            0, 43_200, 30,
            1_024, 1_048_576, 65_536,
            60, 1_296_000, 345_600,
            1_296_000,
            16,
            1_048_576,
            1, 1_000,
            300, 43_200,
            6,
            80,
            900,
            100);

    /** A copy with another floor for maxMsgHeapNum (tests of the "queue full" path). */
    public QueueLimits withMinMaxMsgHeapNum(long floor) {
        return new QueueLimits(maxQueues, floor, maxMaxMsgHeapNum, defaultMaxMsgHeapNum,
                maxPollingWaitSeconds, defaultPollingWaitSeconds,
                minVisibilityTimeout, maxVisibilityTimeout, defaultVisibilityTimeout,
                minMaxMsgSize, maxMaxMsgSize, defaultMaxMsgSize,
                minMsgRetentionSeconds, maxMsgRetentionSeconds, defaultMsgRetentionSeconds,
                maxRewindSeconds, maxBatchSize, maxBatchBytes,
                minDeadLetterMaxReceiveCount, maxDeadLetterMaxReceiveCount,
                minDeadLetterTimeToLive, maxDeadLetterTimeToLive, maxDeadLetterSources,
                maxQueueNameLength, maxQueueDelaySeconds, maxQueueProperties);
    }

    /** A copy with another cap on the number of queues. */
    public QueueLimits withMaxQueues(int max) {
        return new QueueLimits(max, minMaxMsgHeapNum, maxMaxMsgHeapNum, defaultMaxMsgHeapNum,
                maxPollingWaitSeconds, defaultPollingWaitSeconds,
                minVisibilityTimeout, maxVisibilityTimeout, defaultVisibilityTimeout,
                minMaxMsgSize, maxMaxMsgSize, defaultMaxMsgSize,
                minMsgRetentionSeconds, maxMsgRetentionSeconds, defaultMsgRetentionSeconds,
                maxRewindSeconds, maxBatchSize, maxBatchBytes,
                minDeadLetterMaxReceiveCount, maxDeadLetterMaxReceiveCount,
                minDeadLetterTimeToLive, maxDeadLetterTimeToLive, maxDeadLetterSources,
                maxQueueNameLength, maxQueueDelaySeconds, maxQueueProperties);
    }
}
