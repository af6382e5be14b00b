package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.FilterType;
import io.opencmq.core.topic.NotifyStrategy;
import io.opencmq.core.topic.SubscriptionChanges;
import io.opencmq.core.topic.SubscriptionProtocol;
import io.opencmq.core.topic.SubscriptionSettings;
import io.opencmq.core.topic.TopicSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTest {
    private final EngineFixture f = new EngineFixture();

    private void queueSub(String topic, String sub, String queue, List<String> tags, List<String> keys) {
        f.broker.subscribe(topic, sub, new SubscriptionSettings(SubscriptionProtocol.QUEUE, queue, null, null, tags, keys)).join();
    }

    private List<String> publish(String topic, String body, List<String> tags, String routingKey) {
        return f.broker.publish(topic, List.of(body.getBytes(StandardCharsets.UTF_8)), tags, routingKey).join()
                .stream().map(m -> m.msgId()).toList();
    }

    private List<String> drain(String queue) {
        return f.receive(queue, 16).stream().map(EngineFixture::text).toList();
    }

    @Test
    void topicLifecycle() {
        var ref = f.broker.createTopic("news", new TopicSettings(2048, FilterType.TAG)).join();
        assertThat(ref.topicId()).startsWith("topic-");
        assertThat(EngineFixture.failure(f.broker.createTopic("NEWS", null))).isEqualTo(ErrorReason.TOPIC_ALREADY_EXISTS);
        assertThat(EngineFixture.failure(f.broker.createTopic("1bad", null))).isEqualTo(ErrorReason.INVALID_TOPIC_NAME);
        assertThat(EngineFixture.failure(f.broker.createTopic("t", new TopicSettings(100, null)))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
        f.broker.createTopic("newsletter", null).join();
        assertThat(f.broker.listTopics("news", 0, 1).totalCount()).isEqualTo(2);
        assertThat(f.broker.listTopics("news", 0, 1).topics()).extracting(t -> t.topicName()).containsExactly("news");

        var a = f.broker.getTopicAttributes("news");
        assertThat(a.maxMsgSize()).isEqualTo(2048);
        assertThat(a.filterType()).isEqualTo(FilterType.TAG);
        assertThat(a.msgRetentionSeconds()).isEqualTo(86_400);
        f.broker.setTopicAttributes("news", 4096).join();
        assertThat(f.broker.getTopicAttributes("news").maxMsgSize()).isEqualTo(4096);

        f.create("inbox", null);
        queueSub("news", "s1", "inbox", null, null);
        assertThat(EngineFixture.failure(f.broker.deleteTopic("news"))).isEqualTo(ErrorReason.TOPIC_HAS_SUBSCRIPTIONS);
        f.broker.unsubscribe("news", "s1").join();
        f.broker.deleteTopic("news").join();
        assertThat(EngineFixture.failure(() -> f.broker.getTopicAttributes("news"))).isEqualTo(ErrorReason.TOPIC_NOT_FOUND);
    }

    @Test
    void publishingNeedsAMatchingSubscription() {
        f.broker.createTopic("t", null).join();
        assertThat(EngineFixture.failure(f.broker.publish("t", List.of("x".getBytes()), null, null)))
                .isEqualTo(ErrorReason.TOPIC_HAS_NO_SUBSCRIPTION);
        f.create("q", null);
        queueSub("t", "only-red", "q", List.of("red"), null);
        assertThat(EngineFixture.failure(f.broker.publish("t", List.of("x".getBytes()), List.of("blue"), null)))
                .isEqualTo(ErrorReason.NO_MATCHING_SUBSCRIPTION);
        assertThat(EngineFixture.failure(f.broker.publish("t", List.of("x".getBytes()), List.of("a", "b", "c", "d", "e", "f"), null)))
                .isEqualTo(ErrorReason.INVALID_TAGS);
    }

    @Test
    void tagFiltersChooseTheQueues() {
        f.broker.createTopic("t", null).join();
        f.create("all", null);
        f.create("red", null);
        f.create("redblue", null);
        queueSub("t", "s-all", "all", null, null);
        queueSub("t", "s-red", "red", List.of("red"), null);
        queueSub("t", "s-rb", "redblue", List.of("red", "blue"), null);

        publish("t", "plain", null, null);
        publish("t", "r", List.of("red"), null);
        publish("t", "b", List.of("blue", "green"), null);
        assertThat(drain("all")).containsExactly("plain", "r", "b");
        assertThat(drain("red")).containsExactly("r");
        assertThat(drain("redblue")).containsExactly("r", "b");

        f.broker.clearSubscriptionFilterTags("t", "s-red").join();
        publish("t", "after-clear", null, null);
        assertThat(drain("red")).containsExactly("after-clear");
    }

    @Test
    void routingKeysChooseTheQueues() {
        f.broker.createTopic("orders", new TopicSettings(null, FilterType.ROUTING_KEY)).join();
        f.create("created", null);
        f.create("eu", null);
        f.create("everything", null);
        assertThat(EngineFixture.failure(f.broker.subscribe("orders", "nokey",
                new SubscriptionSettings(SubscriptionProtocol.QUEUE, "created", null, null, null, null))))
                .isEqualTo(ErrorReason.MISSING_BINDING_KEY);
        queueSub("orders", "s1", "created", null, List.of("order.created.*"));
        queueSub("orders", "s2", "eu", null, List.of("order.*.eu", "refund.#"));
        queueSub("orders", "s3", "everything", null, List.of("#"));

        publish("orders", "1", null, "order.created.eu");
        publish("orders", "2", null, "order.created.us");
        publish("orders", "3", null, "refund");
        assertThat(EngineFixture.failure(f.broker.publish("orders", List.of("x".getBytes()), null, null)))
                .isEqualTo(ErrorReason.INVALID_ROUTING_KEY);
        assertThat(drain("created")).containsExactly("1", "2");
        assertThat(drain("eu")).containsExactly("1", "3");
        assertThat(drain("everything")).containsExactly("1", "2", "3");
    }

    @Test
    void aBatchFansOutAtomicallyAndSurvivesRestart() {
        f.broker.createTopic("t", null).join();
        f.create("a", null);
        f.create("b", null);
        queueSub("t", "sa", "a", null, null);
        queueSub("t", "sb", "b", null, null);
        var ids = f.broker.publish("t", List.of("1".getBytes(), "2".getBytes(), "3".getBytes()), null, null).join();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        f.restart();
        assertThat(drain("a")).containsExactly("1", "2", "3");
        assertThat(drain("b")).containsExactly("1", "2", "3");
        assertThat(f.broker.getSubscriptionAttributes("t", "sa").protocol()).isEqualTo(SubscriptionProtocol.QUEUE);
    }

    @Test
    void aFullTargetQueueDoesNotBlockTheOthers() {
        f.broker.createTopic("t", null).join();
        f.create("small", new io.opencmq.core.queue.QueueSettings(1L, null, null, null, null, null, null));
        f.create("big", null);
        queueSub("t", "s-small", "small", null, null);
        queueSub("t", "s-big", "big", null, null);
        publish("t", "1", null, null);
        publish("t", "2", null, null);
        assertThat(drain("small")).containsExactly("1");
        assertThat(drain("big")).containsExactly("1", "2");
        var attrs = f.broker.getSubscriptionAttributes("t", "s-small");
        assertThat(attrs.failedAttempts()).isEqualTo(1);
        assertThat(attrs.lastError()).contains("maxMsgHeapNum");
    }

    @Test
    void subscriptionRulesAreEnforced() {
        f.broker.createTopic("t", null).join();
        f.create("q", null);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "s", new SubscriptionSettings(
                SubscriptionProtocol.QUEUE, "missing", null, null, null, null)))).isEqualTo(ErrorReason.INVALID_ENDPOINT);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "s", new SubscriptionSettings(
                SubscriptionProtocol.QUEUE, "q", null, ContentFormat.JSON, null, null)))).isEqualTo(ErrorReason.QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "s", new SubscriptionSettings(
                SubscriptionProtocol.HTTP, "ftp://x", null, null, null, null)))).isEqualTo(ErrorReason.INVALID_ENDPOINT);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "s", new SubscriptionSettings(
                SubscriptionProtocol.HTTP, "http://a b", null, null, null, null)))).isEqualTo(ErrorReason.ENDPOINT_HAS_BLANK);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "_s", new SubscriptionSettings(
                SubscriptionProtocol.QUEUE, "q", null, null, null, null)))).isEqualTo(ErrorReason.INVALID_SUBSCRIPTION_NAME);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "s", new SubscriptionSettings(
                SubscriptionProtocol.QUEUE, "q", null, null, List.of("a-tag-that-is-too-long"), null)))).isEqualTo(ErrorReason.INVALID_TAGS);
        queueSub("t", "s", "q", null, null);
        assertThat(EngineFixture.failure(f.broker.subscribe("t", "S", new SubscriptionSettings(
                SubscriptionProtocol.QUEUE, "q", null, null, null, null)))).isEqualTo(ErrorReason.SUBSCRIPTION_ALREADY_EXISTS);
        assertThat(f.broker.listSubscriptions("t", null, 0, 20).subscriptions()).extracting(s -> s.endpoint()).containsExactly("q");
        assertThat(EngineFixture.failure(f.broker.setSubscriptionAttributes("t", "s",
                new SubscriptionChanges(null, ContentFormat.JSON, null, null)))).isEqualTo(ErrorReason.QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED);
        assertThat(EngineFixture.failure(f.broker.unsubscribe("t", "nope"))).isEqualTo(ErrorReason.SUBSCRIPTION_NOT_FOUND);
    }

    @Test
    void hiddenPushQueuesAreNotVisibleToClients() {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        EngineFixture g = new EngineFixture(endpoint);
        g.broker.createTopic("t", null).join();
        g.broker.subscribe("t", "web", new SubscriptionSettings(SubscriptionProtocol.HTTP, "http://127.0.0.1:9/hook",
                NotifyStrategy.BACKOFF_RETRY, null, null, null)).join();
        assertThat(g.broker.listQueues(null, 0, 100).totalCount()).isZero();
        assertThat(EngineFixture.failure(() -> g.broker.getQueueAttributes("__push-2"))).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
    }
}
