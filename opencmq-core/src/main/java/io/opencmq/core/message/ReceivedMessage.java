package io.opencmq.core.message;

/**
 * A message handed to a consumer together with its lock. Times are Unix milliseconds.
 *
 * @param receiptHandle deletes the message while this lock holds; superseded by the next receive
 * @param nextVisibleTimeMillis when the lock expires and the message can be received again
 * @param firstDequeueTimeMillis time of the first receive of this message
 * @param dequeueCount how many times the message has been received, this one included
 * @param attributes the opaque attributes the message was sent with, null if none
 * @param sequenceNumber the message's place in its queue (see {@link SentMessage})
 * @param groupId FIFO message group, null in a standard queue
 * @param dedupId FIFO deduplication id, null in a standard queue
 * @param deadLetterSource the queue this message was moved from as a dead letter, else null
 */
public record ReceivedMessage(
        String msgId,
        byte[] body,
        String receiptHandle,
        long enqueueTimeMillis,
        long nextVisibleTimeMillis,
        long firstDequeueTimeMillis,
        int dequeueCount,
        byte[] attributes,
        long sequenceNumber,
        String groupId,
        String dedupId,
        String deadLetterSource) {
}
