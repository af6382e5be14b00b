package io.opencmq.bench.http;

import io.netty.buffer.ByteBuf;

/** Receives each HTTP response framed by {@link ResponseReader}, on the connection's event loop. */
public interface ResponseSink {
    /**
     * @param status the HTTP status code
     * @param buffer holds the body at {@code [offset, offset + length)}; valid during the call only
     */
    void onResponse(int status, ByteBuf buffer, int offset, int length);
}
