package io.opencmq.core.engine;

import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.NotifyStrategy;
import io.opencmq.core.topic.SubscriptionProtocol;
import io.opencmq.core.topic.SubscriptionSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PushDeliveryTest {
    private final RecordingEndpoint endpoint = new RecordingEndpoint();
    private final EngineFixture f = new EngineFixture(endpoint);

    private void subscribe(NotifyStrategy strategy, ContentFormat format) {
        f.broker.createTopic("t", null).join();
        f.broker.subscribe("t", "web", new SubscriptionSettings(SubscriptionProtocol.HTTP, "http://127.0.0.1:8080/hook",
                strategy, format, null, null)).join();
    }

    private String publish(String body, List<String> tags) {
        return f.broker.publish("t", List.of(body.getBytes(StandardCharsets.UTF_8)), tags, null).join().get(0).msgId();
    }

    @Test
    void jsonPushCarriesTheEnvelopeAndHeaders() {
        subscribe(null, null);
        String id = publish("hello \"world\"", List.of("a", "b"));
        f.clock.advance(0);
        assertThat(endpoint.requests).hasSize(1);
        var r = endpoint.requests.get(0);
        assertThat(r.endpoint().toString()).isEqualTo("http://127.0.0.1:8080/hook");
        assertThat(r.headers()).containsEntry("x-cmq-message-id", id)
                .containsEntry("x-cmq-message-tag", "a, b")
                .containsEntry("User-Agent", "Qcloud Notification Service Agent")
                .containsKey("x-cmq-request-id");
        assertThat(endpoint.bodies().get(0))
                .contains("\"topicName\":\"t\"", "\"subscriptionName\":\"web\"", "\"msgId\":\"" + id + "\"",
                        "\"msgBody\":\"hello \\\"world\\\"\"", "\"publishTime\":" + EngineFixture.T0 / 1000);
        var attrs = f.broker.getSubscriptionAttributes("t", "web");
        assertThat(attrs.deliveredCount()).isEqualTo(1);
        assertThat(attrs.msgCount()).isZero();
    }

    @Test
    void simplifiedPushCarriesTheBodyOnly() {
        subscribe(null, ContentFormat.SIMPLIFIED);
        publish("raw body", null);
        f.clock.advance(0);
        assertThat(endpoint.bodies()).containsExactly("raw body");
    }

    @Test
    void exponentialRetryWaitsOneTwoFourSeconds() {
        endpoint.answer(500, 0, 503);
        subscribe(NotifyStrategy.EXPONENTIAL_DECAY_RETRY, ContentFormat.SIMPLIFIED);
        publish("x", null);
        f.clock.advance(0);
        assertThat(endpoint.requests).hasSize(1);
        f.clock.advance(999);
        assertThat(endpoint.requests).hasSize(1);
        f.clock.advance(1);
        assertThat(endpoint.requests).hasSize(2);
        f.clock.advanceSeconds(2);
        assertThat(endpoint.requests).hasSize(3);
        f.clock.advanceSeconds(3);
        assertThat(endpoint.requests).hasSize(3);
        f.clock.advanceSeconds(1);
        assertThat(endpoint.requests).hasSize(4);
        var attrs = f.broker.getSubscriptionAttributes("t", "web");
        assertThat(attrs.failedAttempts()).isEqualTo(3);
        assertThat(attrs.deliveredCount()).isEqualTo(1);
        assertThat(attrs.lastError()).isEqualTo("HTTP 503");
        assertThat(attrs.msgCount()).isZero();
    }

    @Test
    void backoffRetryGivesUpAfterThreeRetries() {
        endpoint.alwaysAnswer(500);
        subscribe(NotifyStrategy.BACKOFF_RETRY, ContentFormat.SIMPLIFIED);
        publish("x", null);
        f.clock.advance(0);
        for (int i = 0; i < 6; i++) {
            f.clock.advanceSeconds(30);
        }
        assertThat(endpoint.requests).hasSize(4);
        assertThat(f.broker.getSubscriptionAttributes("t", "web").msgCount()).isZero();
        assertThat(f.broker.getTopicAttributes("t").msgCount()).isZero();
    }

    @Test
    void pendingPushesSurviveARestart() {
        endpoint.alwaysAnswer(500);
        subscribe(NotifyStrategy.EXPONENTIAL_DECAY_RETRY, ContentFormat.SIMPLIFIED);
        publish("keep me", null);
        f.clock.advance(0);
        assertThat(f.broker.getTopicAttributes("t").msgCount()).isEqualTo(1);
        endpoint.alwaysAnswer(200);
        int before = endpoint.requests.size();
        f.restart();
        f.clock.advance(0);
        assertThat(endpoint.requests).hasSize(before + 1);
        assertThat(endpoint.requests.stream().map(r -> r.headers().get("x-cmq-request-id")).toList())
                .as("every attempt, before and after the restart, has its own request id")
                .doesNotHaveDuplicates();
        assertThat(endpoint.bodies()).last().isEqualTo("keep me");
        assertThat(f.broker.getSubscriptionAttributes("t", "web").msgCount()).isZero();
    }

    @Test
    void pushesStopWhenTheSubscriptionIsRemoved() {
        endpoint.alwaysAnswer(500);
        subscribe(NotifyStrategy.EXPONENTIAL_DECAY_RETRY, ContentFormat.SIMPLIFIED);
        publish("x", null);
        f.clock.advance(0);
        f.broker.unsubscribe("t", "web").join();
        int before = endpoint.requests.size();
        f.clock.advanceSeconds(120);
        assertThat(endpoint.requests).hasSize(before);
        f.broker.deleteTopic("t").join();
    }
}
