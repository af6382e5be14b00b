package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What GetSubscriptionAttributes and GetTopicAttributes show of HTTP delivery: messages waiting
 * (msgCount) and the documented extensions deliveredCount, failedAttempts, lastError and
 * lastErrorTime. The endpoint is an in-memory {@link PushTransport} that answers with the
 * statuses it is given, so the test drives retries with the manual clock.
 */
class HttpSubscriptionStateTest {
    private final Deque<PushTransport.PushResult> answers = new ArrayDeque<>();
    private final List<PushTransport.PushRequest> pushes = new ArrayList<>();
    private final CmqTestServer server = new CmqTestServer(BrokerOptions.defaults(), CmqApiOptions.defaults(), this::push);

    private synchronized CompletableFuture<PushTransport.PushResult> push(PushTransport.PushRequest request) {
        pushes.add(request);
        PushTransport.PushResult answer = answers.isEmpty() ? new PushTransport.PushResult(200, null) : answers.poll();
        return CompletableFuture.completedFuture(answer);
    }

    private synchronized List<PushTransport.PushRequest> pushes() {
        return List.copyOf(pushes);
    }

    @AfterEach
    void close() {
        server.close();
    }

    private JsonNode subscription() {
        JsonNode a = server.call("GetSubscriptionAttributes", "topicName", "t", "subscriptionName", "hook");
        assertOk(a);
        return a;
    }

    @Test
    void aFailedPushIsCountedAndShownUntilTheRetrySucceeds() {
        synchronized (this) {
            answers.add(new PushTransport.PushResult(503, null));
        }
        assertOk(server.call("CreateTopic", "topicName", "t"));
        assertOk(server.call("Subscribe", "topicName", "t", "subscriptionName", "hook", "protocol", "http",
                "endpoint", "http://127.0.0.1:9/hook", "notifyContentFormat", "SIMPLIFIED"));
        long published = server.nowSeconds();
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "payload", "msgTag.1", "a"));
        server.clock.advance(1);

        JsonNode failed = subscription();
        assertThat(pushes()).hasSize(1);
        assertThat(new String(pushes().getFirst().body(), StandardCharsets.UTF_8)).isEqualTo("payload");
        assertThat(number(failed, "msgCount")).isEqualTo(1);
        assertThat(number(failed, "deliveredCount")).isZero();
        assertThat(number(failed, "failedAttempts")).isEqualTo(1);
        assertThat(string(failed, "lastError")).contains("503");
        assertThat(number(failed, "lastErrorTime")).isEqualTo(published);
        assertThat(number(server.call("GetTopicAttributes", "topicName", "t"), "msgCount")).isEqualTo(1);

        server.clock.advanceSeconds(60);
        JsonNode delivered = subscription();
        assertThat(pushes()).hasSize(2);
        assertThat(number(delivered, "msgCount")).isZero();
        assertThat(number(delivered, "deliveredCount")).isEqualTo(1);
        assertThat(number(delivered, "failedAttempts")).isEqualTo(1);
        assertThat(string(delivered, "lastError")).contains("503");
        assertThat(number(server.call("GetTopicAttributes", "topicName", "t"), "msgCount")).isZero();
    }
}
