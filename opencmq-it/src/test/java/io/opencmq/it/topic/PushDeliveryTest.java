package io.opencmq.it.topic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.topic.PushReceiver.Answer;
import io.opencmq.it.topic.PushReceiver.Push;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Push to HTTP endpoints through the real server: the headers and both body formats, retries
 * after 5xx answers and after timeouts with EXPONENTIAL_DECAY_RETRY's 1/2/4 s spacing, no
 * redirects followed, a slow endpoint holding up neither other subscriptions nor the publisher,
 * and the delivery state GetSubscriptionAttributes shows. The server's push timeout is 1 s here
 * so that timeouts are quick to provoke.
 */
class PushDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PUSH_TIMEOUT_MILLIS = 1_000;

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(c -> c.withPushTimeoutMillis(PUSH_TIMEOUT_MILLIS));
    static RawTopics topics;

    private final List<PushReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void openClients() {
        topics = new RawTopics(server.get().raw());
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(PushReceiver::close);
    }

    private PushReceiver receiver(PushReceiver.Policy policy) {
        PushReceiver r = new PushReceiver(policy);
        receivers.add(r);
        return r;
    }

    private PushReceiver receiver(Answer answer) {
        return receiver((push, self) -> answer);
    }

    @Test
    void jsonFormatCarriesTheMessageAndTheCmqHeaders() throws Exception {
        PushReceiver receiver = receiver(Answer.ok());
        String topic = topics.createTopicOk("push-json", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "hook", receiver.url("/cmq/hook"), "EXPONENTIAL_DECAY_RETRY", "JSON");
        String body = "héllo \"quoted\" & <tagged>\nline two\ttab \\ \u0001 \uD83D\uDE00";
        long before = System.currentTimeMillis() / 1000;

        String msgId = topics.publish(topic, body, List.of("red", "blue"), null).assertOk().text("msgId");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        Push push = receiver.accepted().getFirst();
        assertThat(push.path()).isEqualTo("/cmq/hook");
        assertThat(push.header("content-type")).isEqualTo("text/plain");
        assertThat(push.header("user-agent")).isEqualTo("Qcloud Notification Service Agent");
        assertThat(push.header("x-cmq-message-id")).isEqualTo(msgId);
        assertThat(push.header("x-cmq-message-tag")).isEqualTo("red, blue");
        assertThat(push.header("x-cmq-request-id")).isNotBlank();

        JsonNode json = JSON.readTree(push.body());
        assertThat(json.get("TopicOwner").isNumber()).as("TopicOwner is a number: %s", json).isTrue();
        assertThat(json.get("topicName").asText()).isEqualTo(topic);
        assertThat(json.get("subscriptionName").asText()).isEqualTo("hook");
        assertThat(json.get("msgId").asText()).isEqualTo(msgId);
        assertThat(json.get("msgBody").asText()).isEqualTo(body);
        assertThat(json.get("publishTime").isIntegralNumber()).as("publishTime is an integer: %s", json).isTrue();
        assertThat(json.get("publishTime").asLong()).isBetween(before - 2, System.currentTimeMillis() / 1000 + 2);
    }

    @Test
    void aLargeMessageIsPushedWhole() throws Exception {
        PushReceiver receiver = receiver(Answer.ok());
        String topic = topics.createTopicOk("push-large", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "json", receiver.url("/json"), "EXPONENTIAL_DECAY_RETRY", "JSON");
        topics.subscribeHttpOk(topic, "raw", receiver.url("/raw"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        StringBuilder large = new StringBuilder();
        while (large.length() < 50_000) {
            large.append("0123456789\"中\n");
        }
        String body = large.substring(0, 50_000); // about 58 KB of UTF-8, under the default 64 KiB

        topics.publishOk(topic, body);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 2);
        for (Push p : receiver.accepted()) {
            String got = p.path().equals("/json") ? JSON.readTree(p.body()).get("msgBody").asText() : p.bodyText();
            assertThat(got).as(p.path()).isEqualTo(body);
        }
    }

    @Test
    void simplifiedFormatIsTheBodyAloneAndUntaggedMessagesHaveNoTagHeader() {
        PushReceiver receiver = receiver(Answer.ok());
        String topic = topics.createTopicOk("push-simple", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "raw", receiver.url("/raw"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        String body = "{\"already\":\"json\"} 中文 & more";

        String msgId = topics.publishOk(topic, body);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        Push push = receiver.accepted().getFirst();
        assertThat(push.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(push.header("x-cmq-message-id")).isEqualTo(msgId);
        assertThat(push.header("x-cmq-message-tag")).isNull();
        assertThat(push.header("content-type")).isEqualTo("text/plain");
    }

    @Test
    void serverErrorsAreRetriedWithExponentialSpacingUntilAccepted() {
        // The first three attempts of every message fail with 500, the fourth is accepted.
        PushReceiver receiver = receiver((push, self) -> self.attempts(push.messageId()) <= 3 ? Answer.status(500) : Answer.ok());
        String topic = topics.createTopicOk("push-5xx", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "flaky", receiver.url("/flaky"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");

        String msgId = topics.publishOk(topic, "try, try again");

        await().atMost(Duration.ofSeconds(25)).until(() -> receiver.accepted().size() == 1);
        List<Push> attempts = receiver.pushesOf(msgId);
        assertThat(attempts).hasSize(4);
        List<Double> at = PushReceiver.secondsSinceFirst(attempts);
        // CMQ's EXPONENTIAL_DECAY_RETRY waits 1 s, 2 s, 4 s ...: generous bounds around those.
        assertThat(at.get(1) - at.get(0)).as("first retry after ~1 s, attempts at %s", at).isBetween(0.7, 3.0);
        assertThat(at.get(2) - at.get(1)).as("second retry after ~2 s, attempts at %s", at).isBetween(1.6, 4.5);
        assertThat(at.get(3) - at.get(2)).as("third retry after ~4 s, attempts at %s", at).isBetween(3.2, 7.5);
        assertThat(attempts).allSatisfy(p -> assertThat(p.bodyText()).isEqualTo("try, try again"));
        Set<String> requestIds = new HashSet<>();
        attempts.forEach(p -> requestIds.add(p.header("x-cmq-request-id")));
        assertThat(requestIds).as("each attempt is a request of its own").hasSize(4);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Reply a = topics.subscriptionAttributes(topic, "flaky").assertOk();
            assertThat(a.number("msgCount")).as("nothing left to push").isZero();
            assertThat(a.number("deliveredCount")).isEqualTo(1);
            assertThat(a.number("failedAttempts")).isEqualTo(3);
            assertThat(a.text("lastError")).contains("500");
            assertThat(a.number("lastErrorTime")).isPositive();
        });
    }

    @Test
    void anAttemptThatTimesOutIsRetried() {
        // The first attempt answers only after twice the server's push timeout; later ones at once.
        PushReceiver receiver = receiver((push, self) ->
                self.attempts(push.messageId()) == 1 ? Answer.slow(2 * PUSH_TIMEOUT_MILLIS + 500) : Answer.ok());
        String topic = topics.createTopicOk("push-timeout", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "sleepy", receiver.url("/sleepy"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");

        String msgId = topics.publishOk(topic, "are you there?");

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.attempts(msgId) >= 2);
        List<Double> at = PushReceiver.secondsSinceFirst(receiver.pushesOf(msgId));
        // Timeout (1 s) plus the first retry interval (1 s), well before the slow answer would have come.
        assertThat(at.get(1)).as("second attempt after the timeout, attempts at %s", at).isBetween(1.5, 5.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Reply a = topics.subscriptionAttributes(topic, "sleepy").assertOk();
            assertThat(a.text("lastError")).contains("timed out");
            assertThat(a.number("deliveredCount")).isEqualTo(1);
            assertThat(a.number("msgCount")).isZero();
        });
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNeverFollowed() {
        PushReceiver elsewhere = receiver(Answer.ok());
        PushReceiver redirecting = receiver((push, self) -> Answer.status(302));
        String topic = topics.createTopicOk("push-3xx", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "moved", redirecting.url("/moved?to=" + elsewhere.url("/stolen")),
                "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");

        String msgId = topics.publishOk(topic, "stay here");

        await().atMost(Duration.ofSeconds(10)).until(() -> redirecting.attempts(msgId) >= 2);
        assertThat(elsewhere.pushes()).isEmpty();
        Reply a = topics.subscriptionAttributes(topic, "moved").assertOk();
        assertThat(a.text("lastError")).contains("302");
        assertThat(a.number("deliveredCount")).isZero();
        assertThat(a.number("msgCount")).as("still owed").isEqualTo(1);
    }

    @Test
    void aSlowEndpointDelaysNeitherOtherSubscriptionsNorThePublisher() {
        // Answers far beyond the push timeout: every attempt to it times out.
        PushReceiver slow = receiver(Answer.slow(10_000));
        PushReceiver fast = receiver(Answer.ok());
        String topic = topics.createTopicOk("push-isolation", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "slow", slow.url("/slow"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        topics.subscribeHttpOk(topic, "fast", fast.url("/fast"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        int messages = 40;

        long slowestPublishNanos = 0;
        Set<String> published = new HashSet<>();
        for (int i = 0; i < messages; i++) {
            long start = System.nanoTime();
            published.add(topics.publishOk(topic, "m" + i));
            slowestPublishNanos = Math.max(slowestPublishNanos, System.nanoTime() - start);
        }
        long publishedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> fast.accepted().size() >= messages);
        double fastDoneSeconds = (System.nanoTime() - publishedAt) / 1e9;
        Set<String> delivered = new HashSet<>();
        fast.accepted().forEach(p -> delivered.add(p.messageId()));
        assertThat(delivered).isEqualTo(published);
        assertThat(fastDoneSeconds).as("the fast subscription kept pace").isLessThan(5.0);
        assertThat(slowestPublishNanos / 1e9).as("slowest publish, seconds").isLessThan(2.0);
        assertThat(slow.pushes()).as("the slow endpoint was tried").isNotEmpty();
        assertThat(slow.accepted()).isEmpty();
    }

    @Test
    void oneSubscriptionPushesInParallelButNeverMoreThanSixteenAtOnce() {
        // Each answer takes a while (well within the push timeout), so parallel pushes overlap.
        PushReceiver receiver = receiver(Answer.slow(600));
        String topic = topics.createTopicOk("push-parallel", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "busy", receiver.url("/busy"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bodies.add("b" + i);
        }

        for (int batch = 0; batch < 3; batch++) {
            topics.batchPublish(topic, bodies, List.of(), null).assertOk();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 48);
        assertThat(receiver.peakInFlight("/busy")).as("pushes answered at the same time").isBetween(2, 16);
    }

    @Test
    void oneEndpointHostGetsAtMostThirtyTwoPushesAtOnceFromAllItsSubscriptions() {
        PushReceiver receiver = receiver(Answer.slow(500));
        String topic = topics.createTopicOk("push-endpoint-cap", RawTopics.TAGS);
        for (int s = 0; s < 3; s++) {
            topics.subscribeHttpOk(topic, "s" + s, receiver.url("/s" + s), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bodies.add("m" + i);
        }

        topics.batchPublish(topic, bodies, List.of(), null).assertOk();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 48);
        assertThat(receiver.peakInFlight(PushReceiver.ALL_PATHS)).as("pushes to the one host:port at the same time")
                .isBetween(17, 32);
    }

    @Test
    void httpSubscriptionsFilterByTagAndUnsubscribeStopsPushing() throws Exception {
        PushReceiver receiver = receiver(Answer.ok());
        String topic = topics.createTopicOk("push-filter", RawTopics.TAGS);
        topics.subscribeHttpOk(topic, "reds", receiver.url("/reds"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED",
                "filterTag.1", "red");
        topics.subscribeHttpOk(topic, "all", receiver.url("/all"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");

        topics.publishOk(topic, "red one", "red", "green");
        topics.publishOk(topic, "blue one", "blue");
        topics.publishOk(topic, "untagged");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 4);
        assertThat(receiver.accepted().stream().filter(p -> p.path().equals("/reds")).map(Push::bodyText))
                .containsExactly("red one");
        assertThat(receiver.accepted().stream().filter(p -> p.path().equals("/all")).map(Push::bodyText))
                .containsExactlyInAnyOrder("red one", "blue one", "untagged");

        receiver.answer(Answer.status(503));
        topics.client().call("Unsubscribe", "topicName", topic, "subscriptionName", "reds").assertOk();
        topics.publishOk(topic, "after unsubscribe", "red");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.pushes(p -> p.bodyText().equals("after unsubscribe")).isEmpty());
        Thread.sleep(1_500);
        assertThat(receiver.pushes(p -> p.path().equals("/reds") && p.bodyText().equals("after unsubscribe"))).isEmpty();
    }
}
