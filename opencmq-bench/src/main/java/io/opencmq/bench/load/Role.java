package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * What one connection does: writes its next request and digests each response. Called only
 * on the connection's event loop, so implementations keep per-connection state without locks.
 */
public interface Role {
    /** {@link #next} wrote a request. */
    long SENT = 0;
    /** {@link #next} has nothing to send until a response arrives (or ever, when done). */
    long IDLE = -1;

    /**
     * Writes the next request into {@code out} and returns {@link #SENT}; or returns
     * {@link #IDLE}; or returns how many nanoseconds to wait before asking again (pacing).
     */
    long next(ByteBuf out, long nowNanos);

    /**
     * Digests a response. {@code body[0, length)} is valid during the call only.
     *
     * @param sentNanos when the request was written
     */
    void onResponse(int status, byte[] body, int length, long sentNanos, long nowNanos);

    /** Most requests this role may have outstanding on one connection (1 when each depends on the last). */
    int maxDepth();
}
