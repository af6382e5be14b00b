package io.opencmq.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.http.ResponseReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's network side: a few event-loop threads (named {@code bench-io-*}, so their
 * CPU time can be told apart from an embedded server's) and the connections opened on them,
 * each driven by a {@link Lane}. Connections are opened all at once and awaited together.
 */
public final class Connections implements AutoCloseable {
    /** Prefix of every thread that belongs to the load generator. */
    public static final String THREAD_PREFIX = "bench-";

    private final EventLoopGroup group;
    private final List<Lane> lanes = new ArrayList<>();

    public Connections(int ioThreads) {
        group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(THREAD_PREFIX + "io", true));
    }

    /** Opens one connection per lane and waits until all are connected. */
    public List<Lane> open(Endpoint endpoint, List<Lane> newLanes) throws IOException, InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        List<ChannelFuture> futures = new ArrayList<>(newLanes.size());
        for (Lane lane : newLanes) {
            futures.add(bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    lane.attach(ch);
                    ch.pipeline().addLast(new ResponseReader(lane), lane);
                }
            }).connect(endpoint.host(), endpoint.port()));
        }
        for (ChannelFuture f : futures) {
            f.await();
            if (!f.isSuccess()) {
                throw new IOException("cannot connect to " + endpoint + ": " + f.cause(), f.cause());
            }
        }
        lanes.addAll(newLanes);
        return newLanes;
    }

    /** Closes every connection and stops the threads. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.stop();
            lane.channel().close();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
