package io.opencmq.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.server.CmqRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-connection request queue, driven directly on an embedded channel. */
class RequestHandlerTest {
    private static final Credentials CREDENTIALS = new Credentials("AKIDhandler", "handlerKey");
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private final Broker broker = Broker.open(new MemoryMessageStore(), clock, clock, BrokerOptions.defaults());
    private final ServerStatus status = new ServerStatus();
    private final RequestRouter router = new RequestRouter(
            new CmqApi(broker, broker, CREDENTIALS, CmqApiOptions.defaults(), clock),
            new SqsApi(broker, CREDENTIALS, SqsApiOptions.defaults(), clock), status);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedChannel channel() {
        RequestReadDeadline deadline = new RequestReadDeadline(30);
        return new EmbeddedChannel(deadline, new RequestHandler(router, status, deadline, 1 << 20));
    }

    /**
     * Answers that complete at once are written at once, and on this channel the write
     * completes at once too; moving on to the next waiting request must not pile up stack
     * frames, or a deep pipeline overflows the event loop's stack. Runs on a thread with a small stack to make
     * such a recursion show.
     */
    @Test
    void manyWaitingRequestsThatCompleteAtOnceAreAllAnswered() throws Exception {
        status.markUp();
        EmbeddedChannel channel = channel();
        int count = 1000;
        Object[] requests = new Object[count];
        for (int i = 0; i < count; i++) {
            requests[i] = get(i % 2 == 0 ? "/health" : "/missing");
        }

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread eventLoop = new Thread(null, () -> {
            try {
                channel.writeInbound(requests);
                channel.runPendingTasks();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack-event-loop", 256 * 1024);
        eventLoop.start();
        eventLoop.join();

        assertThat(failure.get()).isNull();
        for (int i = 0; i < count; i++) {
            FullHttpResponse response = channel.readOutbound();
            assertThat(response).as("answer %d", i).isNotNull();
            assertThat(response.status().code()).isEqualTo(i % 2 == 0 ? 200 : 404);
            response.release();
        }
        assertThat(status.inFlight()).isZero();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.config().isAutoRead()).as("reading resumes once all are answered").isTrue();
    }

    @Test
    void requestsWaitBehindALongPollAndTooManyCloseTheConnection() {
        status.markUp();
        broker.createQueue("parked", QueueSettings.NONE).join();
        EmbeddedChannel channel = channel();
        String form = new CmqRequests(CREDENTIALS, 8731).form("POST", "ReceiveMessage",
                Map.of("queueName", "parked", "pollingWaitSeconds", "30"));
        DefaultFullHttpRequest longPoll = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v2/index.php",
                Unpooled.copiedBuffer(form, StandardCharsets.UTF_8));
        longPoll.headers().set(HttpHeaderNames.HOST, "127.0.0.1:8731");

        channel.writeInbound(longPoll);
        for (int i = 0; i < 1000; i++) {
            channel.writeInbound(get("/health"));
        }
        assertThat(broker.parkedReceives()).isEqualTo(1);
        assertThat((Object) channel.readOutbound()).as("nothing is answered before the long poll").isNull();
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.isOpen()).isTrue();

        for (int i = 0; i < 100 && channel.isOpen(); i++) {
            channel.writeInbound(get("/health"));
        }
        assertThat(channel.isOpen()).as("closed once more than 1024 requests wait").isFalse();
    }

    private static DefaultFullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri, Unpooled.EMPTY_BUFFER);
    }
}
