package io.opencmq.bench.raw;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The yardstick: the least an HTTP server built like opencmq's (Netty, NIO, one acceptor and
 * the default number of I/O threads, HTTP/1.1 keep-alive, whole requests aggregated) can do
 * per request. It reads each request and answers 200 with a fixed small CMQ-shaped JSON body,
 * doing no parsing, no signature check and no storage. A bench run states opencmq's rate as
 * a ratio of this server's rate measured with the same requests in the same run.
 */
public final class RawHttpServer implements AutoCloseable {
    private static final byte[] ANSWER = "{\"code\":0,\"message\":\"\",\"requestId\":\"raw\",\"msgId\":\"0\"}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;

    private RawHttpServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel listener) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
    }

    /** Listens on {@code bind:port} (port 0 picks a free one). */
    public static RawHttpServer start(String bind, int port) throws InterruptedException {
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("raw-accept"));
        EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("raw-io"));
        Channel listener = new ServerBootstrap().group(acceptor, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), new Answer());
                    }
                })
                .bind(bind, port).sync().channel();
        return new RawHttpServer(acceptor, workers, listener);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ByteBuf body = Unpooled.wrappedBuffer(ANSWER);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, ANSWER.length);
            if (HttpUtil.isKeepAlive(request)) {
                ctx.writeAndFlush(response, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(response).addListener(f -> ctx.close());
            }
        }
    }
}
