package io.opencmq.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, except for requests that are too large: instead of writing a bare 413
 * itself (out of turn, and in a format CMQ clients cannot read), it passes an
 * {@link OversizedRequest} on to the {@link RequestHandler}, which answers it in order.
 * The rest of the oversized body is read and dropped by the base class.
 */
final class CmqObjectAggregator extends HttpObjectAggregator {

    CmqObjectAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    /**
     * A client that announced a too-large body with {@code Expect: 100-continue} gets no
     * "100 Continue"; the request goes on to {@link #handleOversizedMessage}, and the client
     * receives the final answer without having to send the body.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            ctx.fireChannelRead(new OversizedRequest(request.method().name(), request.uri(),
                    request.headers().get(RequestRouter.X_AMZ_TARGET)));
        } else {
            ctx.close();
        }
    }
}
