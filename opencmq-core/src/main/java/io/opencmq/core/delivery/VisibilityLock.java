package io.opencmq.core.delivery;

/**
 * The lock a receive puts on a message: until {@code visibleAt} only the holder of the
 * receipt handle naming {@code lockId} may delete it. Bodies are not kept here: an expired
 * message is read back from disk when it is delivered again. {@code group} is the FIFO
 * message group the lock blocks (null in a standard queue).
 */
public record VisibilityLock(long seq, long lockId, long visibleAt, long enqueueTime,
                             long firstDequeueTime, int dequeueCount, String group) {

    public VisibilityLock withVisibleAt(long at) {
        return new VisibilityLock(seq, lockId, at, enqueueTime, firstDequeueTime, dequeueCount, group);
    }
}
