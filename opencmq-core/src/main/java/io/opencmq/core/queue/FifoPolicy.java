package io.opencmq.core.queue;

/**
 * Makes a queue first-in-first-out per message group (set when the queue is created, never
 * removed): messages of one group are delivered in send order, a group is blocked while one of
 * its messages is locked, and a send whose deduplication id was seen in the last five minutes
 * is answered with the first copy's id without being stored again.
 *
 * @param dedupPerGroup deduplication ids are unique per message group rather than per queue
 *                      (SQS's DeduplicationScope=messageGroup)
 */
public record FifoPolicy(boolean dedupPerGroup) {
    public static final FifoPolicy PER_QUEUE = new FifoPolicy(false);
}
