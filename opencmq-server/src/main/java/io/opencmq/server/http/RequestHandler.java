package io.opencmq.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.opencmq.protocol.common.ClientDisconnect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers the requests of one connection, one at a time and in the order they arrived, as
 * HTTP/1.1 pipelining requires. A client that pipelines (sends a request while another is
 * being answered) is stopped reading (autoRead off) until the answers catch up, so it cannot
 * pile up work; requests that were already decoded from the same read wait in a small queue.
 * A client that does not pipeline is still read while its request is answered: that is how
 * the server learns that it closed the connection during a long poll. The channel allows
 * half-closure, so the client's FIN (a close, or a half-close after its last request; the two
 * look alike) does not close it: the request being answered is told the client went away
 * ({@link ClientDisconnect}, which only a long poll heeds: it stops waiting rather than lock
 * messages for nobody), everything already asked for is answered, and then the connection is
 * closed.
 *
 * <p>Answers may complete on storage or timer threads (a send completes after its fsync, a
 * long poll when a message arrives); they are handed back to the connection's event loop, so
 * every field here is touched by that one thread only.
 *
 * <p>A connection is closed after an answer when the client asked for it, when the request
 * could not be decoded (the decoder discards everything after it), and during shutdown. After
 * an oversized request the server only half-closes: the client may still be sending the
 * body, and closing outright would make its TCP stack reset the connection and drop the
 * answer unread. The rest of the body is drained until the client closes or the read
 * deadline runs out.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    private static final int MAX_WAITING_REQUESTS = 1024;

    private final RequestRouter router;
    private final ServerStatus status;
    private final RequestReadDeadline readDeadline;
    private final long maxWaitingBytes;
    private final Queue<Object> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean answering;
    /** Tells the request being answered, if any, that its client went away. */
    private ClientDisconnect current;
    /** The client sent FIN: no request will follow; close once the last answer is written. */
    private boolean inputShut;
    private boolean closing;

    /**
     * @param maxWaitingBytes bodies of pipelined requests waiting for their turn may add up to
     *        this much; beyond it (or beyond {@value #MAX_WAITING_REQUESTS} requests) the
     *        connection is closed. Stopping autoRead alone does not bound the queue, because the
     *        aggregator keeps reading while it holds half a request.
     */
    RequestHandler(RequestRouter router, ServerStatus status, RequestReadDeadline readDeadline, long maxWaitingBytes) {
        this.router = router;
        this.status = status;
        this.readDeadline = readDeadline;
        this.maxWaitingBytes = maxWaitingBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest) && !(msg instanceof OversizedRequest)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            // Keep the read deadline running: a closing connection gets no more time.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FullHttpRequest request) {
            readDeadline.requestDecoded();
            waitingBytes += request.content().readableBytes();
        }
        waiting.add(msg);
        if (answering) {
            ctx.channel().config().setAutoRead(false); // pipelining: wait for the answers to catch up
        }
        if (waiting.size() > MAX_WAITING_REQUESTS || waitingBytes > maxWaitingBytes) {
            log.debug("closing {}: more than {} requests or {} bytes pipelined",
                    ctx.channel().remoteAddress(), MAX_WAITING_REQUESTS, maxWaitingBytes);
            closing = true;
            ctx.close();
            return;
        }
        answerNext(ctx);
    }

    private void answerNext(ChannelHandlerContext ctx) {
        if (answering || closing) {
            return;
        }
        Object next = waiting.poll();
        if (next == null) {
            if (inputShut) {
                ctx.close(); // everything asked for is answered, and nothing more can come
            } else {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        if (next instanceof FullHttpRequest request) {
            waitingBytes -= request.content().readableBytes();
        }
        answering = true;
        // Keep reading only if nothing else is queued: then the next read can only be the
        // client closing (or starting to pipeline, which stops reading, see channelRead).
        ctx.channel().config().setAutoRead(waiting.isEmpty());
        status.requestStarted();

        Exchange exchange;
        current = new ClientDisconnect();
        if (inputShut) {
            current.disconnected(); // a request pipelined before the FIN: nobody waits long for it
        }
        try {
            exchange = start(ctx, next, current);
        } catch (RuntimeException e) {
            log.error("failed to handle a request from {}", ctx.channel().remoteAddress(), e);
            exchange = new Exchange(CompletableFuture.completedFuture(RequestRouter.internalError()), Ending.CLOSE);
        } finally {
            ReferenceCountUtil.release(next);
        }

        Ending ending = exchange.ending();
        exchange.answer().whenComplete((answer, failure) -> {
            HttpAnswer a = answer;
            if (failure != null) {
                log.error("request from {} failed", ctx.channel().remoteAddress(), failure);
                a = RequestRouter.internalError();
            }
            HttpAnswer result = a;
            if (ctx.executor().inEventLoop()) {
                respond(ctx, result, ending);
            } else {
                try {
                    ctx.executor().execute(() -> respond(ctx, result, ending));
                } catch (RejectedExecutionException e) {
                    // The event loop is gone (forced shutdown); nobody can be answered anymore.
                    status.requestFinished();
                }
            }
        });
    }

    private Exchange start(ChannelHandlerContext ctx, Object msg, ClientDisconnect disconnect) {
        if (msg instanceof OversizedRequest oversized) {
            return new Exchange(CompletableFuture.completedFuture(router.oversized(oversized)), Ending.HALF_CLOSE);
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        if (request.decoderResult().isFailure()) {
            return new Exchange(CompletableFuture.completedFuture(
                    RequestRouter.undecodable(request.decoderResult().cause())), Ending.CLOSE);
        }
        Ending ending;
        if (!HttpUtil.isKeepAlive(request)) {
            ending = Ending.CLOSE;
        } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            ending = Ending.KEEP_ALIVE_1_0;
        } else {
            ending = Ending.KEEP_ALIVE;
        }
        return new Exchange(router.route(request, remoteAddress(ctx.channel().remoteAddress()), disconnect), ending);
    }

    private void respond(ChannelHandlerContext ctx, HttpAnswer answer, Ending requested) {
        Ending ending = requested;
        if (status.isShuttingDown() && ending != Ending.HALF_CLOSE) {
            ending = Ending.CLOSE;
        }
        if (ending != Ending.KEEP_ALIVE && ending != Ending.KEEP_ALIVE_1_0) {
            closing = true;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        if (closing) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (ending == Ending.KEEP_ALIVE_1_0) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        Ending finalEnding = ending;
        ctx.writeAndFlush(response).addListener((ChannelFuture written) -> {
            status.requestFinished();
            answering = false;
            if (!written.isSuccess()) {
                ctx.close();
            } else if (finalEnding == Ending.CLOSE) {
                ctx.close();
            } else if (finalEnding == Ending.HALF_CLOSE) {
                halfClose(ctx);
            } else {
                answerNext(ctx);
            }
        });
    }

    /** Stops sending but keeps reading (and discarding) what the client still sends. */
    private void halfClose(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.channel().config().setAutoRead(true);
        if (inputShut) {
            ctx.close(); // the client has stopped sending already: nothing left to drain
        } else if (ctx.channel() instanceof SocketChannel socket) {
            socket.shutdownOutput();
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            if (current != null) {
                current.disconnected();
            }
            if (!answering && waiting.isEmpty()) {
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            // A long poll keeps a connection silent for up to 30 s; only close truly idle ones.
            if (!answering && waiting.isEmpty()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        if (current != null) {
            current.disconnected();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing connection {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void releaseWaiting() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        waitingBytes = 0;
    }

    private static String remoteAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** What happens to the connection once the answer is written. */
    private enum Ending {
        KEEP_ALIVE,
        /** Keep-alive for an HTTP/1.0 client, which must be told so explicitly. */
        KEEP_ALIVE_1_0,
        CLOSE,
        HALF_CLOSE
    }

    private record Exchange(CompletableFuture<HttpAnswer> answer, Ending ending) {
    }
}
