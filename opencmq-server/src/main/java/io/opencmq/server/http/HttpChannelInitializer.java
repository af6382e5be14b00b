package io.opencmq.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.opencmq.server.ServerConfig;

/**
 * Builds the pipeline of every accepted connection, unless the connection cap is reached:
 * <ol>
 *   <li>{@link RequestReadDeadline} - a started request must be complete in time;</li>
 *   <li>{@link IdleStateHandler} - silent connections are closed by the {@link RequestHandler};</li>
 *   <li>{@link HttpServerCodec} - HTTP/1.1 with limits on the request line and the headers;</li>
 *   <li>{@link CmqObjectAggregator} - whole requests up to the body limit;</li>
 *   <li>{@link RequestHandler} - answers requests in order.</li>
 * </ol>
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Netty's default; large bodies arrive as several chunks and are aggregated anyway. */
    private static final int MAX_CHUNK_BYTES = 8192;

    private final ServerConfig config;
    private final ConnectionLimit connections;
    private final RequestRouter router;
    private final ServerStatus status;

    HttpChannelInitializer(ServerConfig config, ConnectionLimit connections, RequestRouter router, ServerStatus status) {
        this.config = config;
        this.connections = connections;
        this.router = router;
        this.status = status;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!connections.tryAdmit(channel)) {
            channel.close();
            return;
        }
        // A GET request carries all its parameters, message bodies included, in the request
        // line, so the line may be as long as a POST body.
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestBytes())
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        RequestReadDeadline readDeadline = new RequestReadDeadline(config.requestReadTimeoutSeconds());
        channel.pipeline()
                .addLast("read-deadline", readDeadline)
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeoutSeconds()))
                .addLast("http", new HttpServerCodec(decoder))
                .addLast("aggregator", new CmqObjectAggregator(config.maxRequestBytes()))
                .addLast("requests", new RequestHandler(router, status, readDeadline, 2L * config.maxRequestBytes()));
    }
}
