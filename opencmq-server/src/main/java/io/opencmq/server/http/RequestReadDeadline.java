package io.opencmq.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request started to arrive but was not complete within the read
 * timeout, so that slow or stalled senders cannot hold buffers and connection slots for ever.
 * The clock starts with the first bytes of a request and stops when the {@link RequestHandler}
 * reports the request decoded. A connection that sends nothing at all is left to the idle
 * timeout, which is longer because keep-alive clients legitimately pause between requests.
 *
 * <p>One instance per connection, first in the pipeline so it sees raw bytes; all methods run
 * on the connection's event loop.
 */
final class RequestReadDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestReadDeadline.class);

    private final long timeoutSeconds;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;

    RequestReadDeadline(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            deadline = ctx.executor().schedule(this::expire, timeoutSeconds, TimeUnit.SECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request whose bytes started the clock has been read completely. */
    void requestDecoded() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        requestDecoded();
        ctx.fireChannelInactive();
    }

    private void expire() {
        deadline = null;
        log.debug("closing {}: request not complete within {} s", ctx.channel().remoteAddress(), timeoutSeconds);
        ctx.close();
    }
}
