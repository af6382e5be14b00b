package io.opencmq.core.delivery;

/**
 * The lock a receive puts on a message: until {@code visibleAt} only the holder of the
 * receipt handle naming {@code lockId} may delete it. Bodies are not kept here: an expired
 * message is read back from disk when it is delivered again. {@code group} is the FIFO
 * message group the lock blocks (null in a standard queue). {@code lockedAt} is when the
 * receive took it: a lock may be extended to at most the longest visibility timeout after that.
 */
public record VisibilityLock(long seq, long lockId, long lockedAt, long visibleAt, long enqueueTime,
                             long firstDequeueTime, int dequeueCount, String group) {

    /** The same lock, ending at another time. */
    public VisibilityLock withVisibleAt(long at) {
        return new VisibilityLock(seq, lockId, lockedAt, at, enqueueTime, firstDequeueTime, dequeueCount, group);
    }

    /** The same lock handed out again (a retried receive) at {@code now}, ending at {@code at}. */
    public VisibilityLock relocked(long now, long at) {
        return new VisibilityLock(seq, lockId, now, at, enqueueTime, firstDequeueTime, dequeueCount, group);
    }
}
