package io.opencmq.core.queue;

/**
 * A snapshot of a queue's configuration and counters. Times are Unix milliseconds; the
 * protocol decides the unit on the wire.
 *
 * @param activeMsgNum messages that can be received now
 * @param inactiveMsgNum messages locked by a receive (in flight)
 * @param delayMsgNum messages sent with a delay that has not passed yet
 * @param rewindMsgNum deleted messages still kept for RewindQueue
 * @param minMsgTimeMillis enqueue time of the oldest undeleted message, 0 when there is none
 */
public record QueueAttributes(
        QueueRef queue,
        QueueConfig config,
        long createTimeMillis,
        long lastModifyTimeMillis,
        long activeMsgNum,
        long inactiveMsgNum,
        long delayMsgNum,
        long rewindMsgNum,
        long minMsgTimeMillis) {
}
