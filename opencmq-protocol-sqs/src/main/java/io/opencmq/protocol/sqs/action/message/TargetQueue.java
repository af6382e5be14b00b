package io.opencmq.protocol.sqs.action.message;

import io.opencmq.core.queue.QueueConfig;
import io.opencmq.protocol.sqs.action.queue.FifoAttributes;

/**
 * What a send needs to know about its queue to check and complete a message the way SQS does:
 * the size limit, whether the queue is FIFO, and whether it derives deduplication ids from
 * bodies.
 */
public record TargetQueue(int maxMessageSize, boolean fifo, boolean contentBasedDeduplication) {

    public static TargetQueue of(QueueConfig config) {
        return new TargetQueue(config.maxMsgSize(), config.isFifo(), FifoAttributes.contentBasedDeduplication(config));
    }
}
