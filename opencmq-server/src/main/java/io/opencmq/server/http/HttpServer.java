package io.opencmq.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.opencmq.server.ServerConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of the server: one acceptor thread, a pool of I/O event loops (Netty's
 * default, two per core) and the listening socket. Knows nothing about CMQ; what a request
 * means is up to the {@link RequestRouter}.
 *
 * <p>Shutdown comes in steps so that the owner can interleave its own: {@link #stopAccepting()},
 * then (after in-flight requests are answered) {@link #close()}.
 */
public final class HttpServer implements AutoCloseable {
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final ConnectionLimit connections;

    private HttpServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel listener, ConnectionLimit connections) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
        this.connections = connections;
    }

    /** Binds and returns once the socket accepts connections. */
    public static HttpServer start(ServerConfig config, RequestRouter router, ServerStatus status)
            throws IOException, InterruptedException {
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("opencmq-accept"));
        // One I/O thread per core: the requests' CPU work is short and the store has threads of
        // its own, so Netty's default of two per core only adds context switches.
        EventLoopGroup workers = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("opencmq-io"));
        ConnectionLimit connections = new ConnectionLimit(config.maxConnections());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // A client's FIN must not close the channel before its answers are written:
                    // RequestHandler closes it itself (see ChannelInputShutdownEvent there).
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new HttpChannelInitializer(config, connections, router, status));
            Channel listener = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
            return new HttpServer(acceptor, workers, listener, connections);
        } catch (Exception e) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            // Netty rethrows a BindException without declaring it; its message lacks the address.
            if (e instanceof BindException) {
                throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port()
                        + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Open client connections right now. */
    public int openConnections() {
        return connections.open();
    }

    /** Closes the listening socket; open connections keep being served. */
    public void stopAccepting() {
        listener.close().syncUninterruptibly();
    }

    /** Closes every connection, then stops the event loops. */
    @Override
    public void close() {
        stopAccepting();
        connections.closeAll().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
