package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.opencmq.bench.http.ResponseSink;

import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection of the load generator and the loop that drives it: ask the
 * {@link Role} for requests until {@code depth} are outstanding (HTTP/1.1 pipelining; the
 * server answers in order), flush once, and on each response record its round trip, let the
 * role digest it and ask again. Responses are copied into one reused array; the only
 * per-request allocation is the pooled buffer the request is written into.
 *
 * <p>Everything runs on the channel's event loop.
 */
public final class Lane extends ChannelInboundHandlerAdapter implements ResponseSink {
    private static final int REQUEST_BUFFER_HINT = 2048;

    private final Role role;
    private final LoadStats stats;
    private final long[] sentAt;
    private int head;
    private int outstanding;
    private byte[] body = new byte[32 * 1024];
    private Channel channel;
    private boolean wakeScheduled;
    private volatile boolean stopped;

    public Lane(Role role, int depth, LoadStats stats) {
        this.role = role;
        this.stats = stats;
        this.sentAt = new long[Math.max(1, Math.min(depth, role.maxDepth()))];
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    /** Starts sending (from any thread). */
    public void start() {
        channel.eventLoop().execute(this::pump);
    }

    /** Sends nothing more; outstanding requests may still be answered. */
    public void stop() {
        stopped = true;
    }

    Channel channel() {
        return channel;
    }

    int outstanding() {
        return outstanding;
    }

    private void pump() {
        boolean wrote = false;
        while (!stopped && outstanding < sentAt.length && channel.isActive()) {
            long now = System.nanoTime();
            ByteBuf out = channel.alloc().ioBuffer(REQUEST_BUFFER_HINT);
            long r = role.next(out, now);
            if (r != Role.SENT) {
                out.release();
                if (r > 0 && !wakeScheduled) {
                    wakeScheduled = true;
                    channel.eventLoop().schedule(this::wake, r, TimeUnit.NANOSECONDS);
                }
                break;
            }
            sentAt[(head + outstanding) % sentAt.length] = now;
            outstanding++;
            channel.write(out, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void wake() {
        wakeScheduled = false;
        pump();
    }

    @Override
    public void onResponse(int status, ByteBuf buffer, int offset, int length) {
        long now = System.nanoTime();
        if (outstanding == 0) {
            throw new IllegalStateException("response without a request");
        }
        long sent = sentAt[head];
        head = (head + 1) % sentAt.length;
        outstanding--;
        stats.requests.increment();
        stats.roundTrip(now - sent);
        if (body.length < length) {
            body = new byte[Math.max(length, 2 * body.length)];
        }
        buffer.getBytes(offset, body, 0, length);
        role.onResponse(status, body, length, sent, now);
        pump();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!stopped && outstanding > 0) {
            stats.error(LaneErrors.CONNECTION_CLOSED);
        }
        stopped = true;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!stopped) {
            stats.error(LaneErrors.CONNECTION_FAILED);
            System.err.println("bench: connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        }
        ctx.close();
    }
}
