package io.opencmq.core.queue;

/**
 * Where a queue sends messages it gives up on. Policy {@link #MAX_RECEIVE_COUNT}: a message
 * received {@code maxReceiveCount} times without being deleted moves when its lock expires.
 * Policy {@link #TIME_TO_LIVE}: a message not deleted within {@code maxTimeToLive} seconds of
 * being sent moves instead of being delivered again.
 *
 * @param deadLetterQueue name of the target queue
 * @param policy 0 or 1
 * @param maxReceiveCount used by policy 0 (1–1000), otherwise 0
 * @param maxTimeToLive seconds, used by policy 1 (300–43200, below msgRetentionSeconds), otherwise 0
 */
public record DeadLetterPolicy(String deadLetterQueue, int policy, int maxReceiveCount, int maxTimeToLive) {
    public static final int MAX_RECEIVE_COUNT = 0;
    public static final int TIME_TO_LIVE = 1;
}
