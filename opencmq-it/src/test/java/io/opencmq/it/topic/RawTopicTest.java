package io.opencmq.it.topic;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.CmqSigner;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.topic.PushReceiver.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topic and subscription actions as raw signed requests, for what the SDK hides: the JSON type
 * of every response field, CMQ's error code and module for each refusal, routing-key wildcards
 * case by case, both spellings of ClearSubscriptionFilterTags, GET with HmacSHA256, and what a
 * publish does when one subscribed queue is gone.
 */
class RawTopicTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawTopics topics;
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
        topics = new RawTopics(raw);
    }

    /** Fails unless {@code reply} is CMQ error {@code code} from module {@code module}. */
    private static void assertError(Reply reply, int code, int module) {
        assertThat(reply.code()).as("code of %s", reply).isEqualTo(code);
        assertThat(reply.message()).as("module of %s", reply).startsWith("(" + module + ")");
        assertThat(reply.httpStatus()).isEqualTo(200);
    }

    private static void assertStrings(Reply r, String... fields) {
        for (String f : fields) {
            r.text(f);
        }
    }

    private static void assertNumbers(Reply r, String... fields) {
        for (String f : fields) {
            r.number(f);
        }
    }

    @Test
    void everyResponseFieldHasCmqsJsonType() {
        Reply created = raw.call("CreateTopic", "topicName", io.opencmq.it.support.QueueNames.unique("shape"),
                "maxMsgSize", "2048").assertOk();
        String topicId = created.text("topicId");
        String topic = raw.call("ListTopic", "searchWord", "shape").assertOk().array("topicList").stream()
                .filter(t -> t.get("topicId").asText().equals(topicId)).findFirst().orElseThrow().get("topicName").asText();
        assertNumbers(created, "code");
        assertStrings(created, "message", "requestId");

        Reply list = raw.call("ListTopic", "searchWord", topic).assertOk();
        assertThat(list.number("totalCount")).isEqualTo(1);
        JsonNode entry = list.array("topicList").getFirst();
        assertThat(entry.get("topicId").isTextual()).isTrue();
        assertThat(entry.get("topicName").asText()).isEqualTo(topic);

        Reply attrs = raw.call("GetTopicAttributes", "topicName", topic).assertOk();
        assertNumbers(attrs, "msgCount", "maxMsgSize", "msgRetentionSeconds", "createTime", "lastModifyTime", "filterType");
        assertThat(attrs.number("maxMsgSize")).isEqualTo(2048);
        assertThat(attrs.number("filterType")).as("tags by default").isEqualTo(1);

        String queue = topics.createQueueOk("shape-q");
        Reply sub = topics.subscribe(topic, "s", "queue", queue, "notifyContentFormat", "SIMPLIFIED", "filterTag.1", "x")
                .assertOk();
        assertStrings(sub, "subscriptionId");

        Reply subs = raw.call("ListSubscriptionByTopic", "topicName", topic).assertOk();
        assertThat(subs.number("totalCount")).isEqualTo(1);
        JsonNode s = subs.array("subscriptionList").getFirst();
        for (String f : List.of("subscriptionId", "subscriptionName", "protocol", "endpoint")) {
            assertThat(s.get(f).isTextual()).as("%s is a string in %s", f, subs).isTrue();
        }
        assertThat(s.get("protocol").asText()).isEqualTo("queue");
        assertThat(s.get("endpoint").asText()).isEqualTo(queue);

        Reply subAttrs = topics.subscriptionAttributes(topic, "s").assertOk();
        assertStrings(subAttrs, "topicOwner", "protocol", "endpoint", "notifyStrategy", "notifyContentFormat");
        assertNumbers(subAttrs, "msgCount", "createTime", "lastModifyTime");
        assertThat(subAttrs.array("filterTag")).extracting(JsonNode::asText).containsExactly("x");
        assertThat(subAttrs.array("bindingKey")).isEmpty();
        assertThat(subAttrs.text("notifyStrategy")).as("CMQ's default").isEqualTo("EXPONENTIAL_DECAY_RETRY");

        Reply published = topics.publish(topic, "one", List.of("x"), null).assertOk();
        assertStrings(published, "msgId");
        Reply batch = topics.batchPublish(topic, List.of("two", "three"), List.of("x"), null).assertOk();
        List<JsonNode> ids = batch.array("msgList");
        assertThat(ids).hasSize(2).allSatisfy(m -> assertThat(m.get("msgId").isTextual()).isTrue());
    }

    @Test
    void topicRefusalsCarryCmqsCodes() {
        assertError(raw.call("CreateTopic", "topicName", "9starts-with-a-digit"), 4000, 10590);
        assertError(raw.call("CreateTopic", "topicName", "x".repeat(65)), 4000, 10590);
        assertError(raw.call("CreateTopic", "topicName", "small", "maxMsgSize", "1023"), 4000, 10350);
        assertError(raw.call("CreateTopic", "topicName", "huge", "maxMsgSize", "1048577"), 4000, 10350);
        assertError(raw.call("CreateTopic", "topicName", "odd", "filterType", "3"), 4000, 10350);
        assertError(raw.call("CreateTopic"), 4000, 10390);
        String topic = topics.createTopicOk("refuse", RawTopics.TAGS);
        assertError(raw.call("CreateTopic", "topicName", topic.toUpperCase()), 4460, 10550);
        assertError(raw.call("GetTopicAttributes", "topicName", "nope-" + topic), 4440, 10600);
        assertError(raw.call("SetTopicAttributes", "topicName", topic, "maxMsgSize", "100"), 4000, 10350);
        assertError(raw.call("PublishMessage", "topicName", topic, "msgBody", "lonely"), 6030, 10650);

        String queue = topics.createQueueOk("refuse-q");
        topics.subscribeQueueOk(topic, "s", queue);
        assertError(raw.call("DeleteTopic", "topicName", topic), 4000, 10540);
        raw.call("SetTopicAttributes", "topicName", topic, "maxMsgSize", "1024").assertOk();
        assertError(topics.publish(topic, "x".repeat(1025), List.of(), null), 4400, 10230);
        topics.publish(topic, "x".repeat(1024), List.of(), null).assertOk();
        assertError(topics.publish(topic, "", List.of(), null), 4000, 10120);
        assertError(topics.publish(topic, "six tags", List.of("1", "2", "3", "4", "5", "6"), null), 4000, 10720);
        assertError(topics.publish(topic, "long tag", List.of("x".repeat(17)), null), 4000, 10720);
        List<String> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add("m" + i);
        }
        assertError(topics.batchPublish(topic, seventeen, List.of(), null), 4000, 10370);

        raw.call("Unsubscribe", "topicName", topic, "subscriptionName", "s").assertOk();
        assertError(raw.call("Unsubscribe", "topicName", topic, "subscriptionName", "s"), 4440, 10600);
        raw.call("DeleteTopic", "topicName", topic).assertOk();
        assertError(raw.call("DeleteTopic", "topicName", topic), 4440, 10600);
    }

    @Test
    void subscriptionRefusalsCarryCmqsCodes() {
        String topic = topics.createTopicOk("sub-refuse", RawTopics.TAGS);
        String routes = topics.createTopicOk("sub-refuse-rk", RawTopics.ROUTING_KEYS);
        String queue = topics.createQueueOk("sub-refuse-q");

        assertError(topics.subscribe(topic, "blank", "http", "http://127.0.0.1:9/a b"), 4510, 10570);
        assertError(topics.subscribe(topic, "ftp", "http", "ftp://127.0.0.1/x"), 4000, 10500);
        assertError(topics.subscribe(topic, "long", "http", "http://127.0.0.1/" + "x".repeat(500)), 4000, 10500);
        assertError(topics.subscribe(topic, "smtp", "smtp", "mail@example.com"), 4000, 10510);
        assertError(topics.subscribe(topic, "strat", "http", "http://127.0.0.1:9/", "notifyStrategy", "SOMETIMES"), 4000, 10520);
        assertError(topics.subscribe(topic, "fmt", "http", "http://127.0.0.1:9/", "notifyContentFormat", "XML"), 4000, 10530);
        assertError(topics.subscribe(topic, "qjson", "queue", queue, "notifyContentFormat", "JSON"), 4000, 10640);
        assertError(topics.subscribe(topic, "noq", "queue", "no-such-queue", "notifyContentFormat", "SIMPLIFIED"), 4000, 10500);
        assertError(topics.subscribe(topic, "9bad", "queue", queue, "notifyContentFormat", "SIMPLIFIED"), 4000, 10580);
        assertError(topics.subscribe(topic, "tags", "queue", queue, "notifyContentFormat", "SIMPLIFIED",
                "filterTag.1", "1", "filterTag.2", "2", "filterTag.3", "3", "filterTag.4", "4", "filterTag.5", "5",
                "filterTag.6", "6"), 4000, 10490);
        assertError(topics.subscribe(routes, "nokey", "queue", queue, "notifyContentFormat", "SIMPLIFIED"), 4000, 10710);
        assertError(topics.subscribe(routes, "keys", "queue", queue, "notifyContentFormat", "SIMPLIFIED",
                "bindingKey.1", "a", "bindingKey.2", "b", "bindingKey.3", "c", "bindingKey.4", "d", "bindingKey.5", "e",
                "bindingKey.6", "f"), 4000, 10680);
        assertError(topics.subscribe("no-such-topic", "x", "queue", queue, "notifyContentFormat", "SIMPLIFIED"), 4440, 10600);

        topics.subscribe(topic, "https", "https", "https://127.0.0.1:9/secure").assertOk();
        topics.subscribeQueueOk(topic, "q", queue);
        assertError(topics.subscribe(topic, "Q", "queue", queue, "notifyContentFormat", "SIMPLIFIED"), 4490, 10470);
        assertError(topics.subscriptionAttributes(topic, "nobody"), 4440, 10600);
        assertError(topics.publish(routes, "no subscription", List.of(), "a.b"), 6030, 10650);
        topics.subscribeQueueOk(routes, "rk", queue, "bindingKey.1", "a.*");
        assertError(topics.publish(routes, "no key", List.of(), null), 4000, 10700);
        assertError(topics.publish(routes, "no match", List.of(), "b.c"), 6030, 10730);

        // Keys: at most 64 bytes and 15 dots (16 words).
        String wide = topics.createQueueOk("sub-refuse-wide");
        topics.subscribeQueueOk(routes, "wide", wide, "bindingKey.1", "#");
        String sixteenWords = "a" + ".w".repeat(15);
        topics.publish(routes, "16 words", List.of(), sixteenWords).assertOk();
        assertError(topics.publish(routes, "17 words", List.of(), sixteenWords + ".w"), 4000, 10700);
        topics.publish(routes, "64 bytes", List.of(), "a." + "x".repeat(62)).assertOk();
        assertError(topics.publish(routes, "65 bytes", List.of(), "a." + "x".repeat(63)), 4000, 10700);
        assertError(topics.subscribe(routes, "long", "queue", queue, "notifyContentFormat", "SIMPLIFIED",
                "bindingKey.1", "a." + "x".repeat(63)), 4000, 10680);
        assertThat(topics.drainQueue(wide, 0, 10)).containsExactly("16 words", "64 bytes");
    }

    @Test
    void routingKeyWildcardsMatchWordByWord() {
        String topic = topics.createTopicOk("wild", RawTopics.ROUTING_KEYS);
        Map<String, String> queueByKey = new LinkedHashMap<>();
        List<String> bindingKeys = List.of("a.*", "a.#", "#", "*.b.*", "a.#.z", "#.z", "a.b", "*");
        int i = 0;
        for (String key : bindingKeys) {
            String queue = topics.createQueueOk("wild-" + i);
            topics.subscribeQueueOk(topic, "s" + i++, queue, "bindingKey.1", key);
            queueByKey.put(key, queue);
        }
        List<String> routingKeys = List.of("a", "a.b", "a.b.c", "x.b.y", "a.z", "a.b.c.z", "z", "b.a.z", "q");
        for (String rk : routingKeys) {
            topics.publish(topic, rk, List.of(), rk).assertOk();
        }

        queueByKey.forEach((bindingKey, queue) -> {
            List<String> expected = routingKeys.stream().filter(rk -> FilterModel.routingMatches(List.of(bindingKey), rk)).toList();
            assertThat(topics.drainQueue(queue, 0, 100)).as("bindingKey %s", bindingKey).containsExactlyElementsOf(expected);
        });
        // Spot checks of the model itself against the rules: * is one word, # zero or more.
        assertThat(FilterModel.routingMatches(List.of("a.*"), "a")).isFalse();
        assertThat(FilterModel.routingMatches(List.of("a.#"), "a")).isTrue();
        assertThat(FilterModel.routingMatches(List.of("a.#.z"), "a.z")).isTrue();
        assertThat(FilterModel.routingMatches(List.of("*.b.*"), "x.b.y")).isTrue();
    }

    @Test
    void tagFiltersNeedAnOverlapAndClearingThemTakesEverythingUnderBothSpellings() {
        String topic = topics.createTopicOk("tags", RawTopics.TAGS);
        String reds = topics.createQueueOk("tags-red");
        String rest = topics.createQueueOk("tags-rest");
        topics.subscribeQueueOk(topic, "reds", reds, "filterTag.1", "red");
        topics.subscribeQueueOk(topic, "rest", rest, "filterTag.1", "blue", "filterTag.2", "green");

        topics.publish(topic, "red", List.of("red"), null).assertOk();
        topics.publish(topic, "red+blue", List.of("blue", "red"), null).assertOk();
        topics.batchPublish(topic, List.of("green1", "green2"), List.of("green"), null).assertOk();
        assertError(topics.publish(topic, "untagged", List.of(), null), 6030, 10730);
        assertError(topics.publish(topic, "yellow", List.of("yellow"), null), 6030, 10730);
        assertThat(topics.drainQueue(reds, 0, 100)).containsExactly("red", "red+blue");
        assertThat(topics.drainQueue(rest, 0, 100)).containsExactly("red+blue", "green1", "green2");

        raw.call("ClearSubscriptionFilterTags", "topicName", topic, "subscriptionName", "reds").assertOk();
        raw.call("ClearSUbscriptionFIlterTags", "topicName", topic, "subscriptionName", "rest").assertOk();
        assertThat(topics.subscriptionAttributes(topic, "rest").assertOk().array("filterTag")).isEmpty();
        topics.publish(topic, "untagged", List.of(), null).assertOk();
        assertThat(topics.drainQueue(reds, 0, 100)).containsExactly("untagged");
        assertThat(topics.drainQueue(rest, 0, 100)).containsExactly("untagged");

        raw.call("SetSubscriptionAttributes", "topicName", topic, "subscriptionName", "reds",
                "filterTag.1", "violet").assertOk();
        Reply attrs = topics.subscriptionAttributes(topic, "reds").assertOk();
        assertThat(attrs.array("filterTag")).extracting(JsonNode::asText).containsExactly("violet");
        assertThat(attrs.text("notifyContentFormat")).as("unchanged").isEqualTo("SIMPLIFIED");
    }

    @Test
    void aPublishOverGetWithHmacSha256FansOutLikeAnyOther() {
        String topic = topics.createTopicOk("get256", RawTopics.TAGS);
        String queue = topics.createQueueOk("get256-q");
        topics.subscribeQueueOk(topic, "s", queue);

        Reply r = raw.send(raw.request("PublishMessage").get().algorithm(CmqSigner.Algorithm.SHA256)
                .param("topicName", topic).param("msgBody", "a&b=c +100% 中文").param("msgTag.1", "t").build());

        r.assertOk();
        assertThat(topics.drainQueue(queue, 0, 10)).containsExactly("a&b=c +100% 中文");
    }

    @Test
    void aDeletedQueueDoesNotStopDeliveryToTheOthersAndShowsAsTheSubscriptionsError() {
        String topic = topics.createTopicOk("gone", RawTopics.TAGS);
        String kept = topics.createQueueOk("gone-kept");
        String dropped = topics.createQueueOk("gone-dropped");
        topics.subscribeQueueOk(topic, "kept", kept);
        topics.subscribeQueueOk(topic, "dropped", dropped);
        raw.call("DeleteQueue", "queueName", dropped).assertOk();

        topics.publish(topic, "still delivered", List.of(), null).assertOk();

        assertThat(topics.drainQueue(kept, 0, 10)).containsExactly("still delivered");
        Reply attrs = topics.subscriptionAttributes(topic, "dropped").assertOk();
        assertThat(attrs.text("lastError")).contains(dropped);
        assertThat(topics.subscriptionAttributes(topic, "kept").assertOk().number("deliveredCount")).isEqualTo(1);
    }

    @Test
    void theHiddenPushQueuesAreOutOfReachOfTheQueueApi() {
        try (PushReceiver receiver = PushReceiver.answering(Answer.ok())) {
            String topic = topics.createTopicOk("hidden", RawTopics.TAGS);
            topics.subscribeHttpOk(topic, "hook", receiver.url("/hidden"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
            String queue = topics.createQueueOk("hidden-q");

            // Whatever the engine calls its push queues internally, no queue action may touch them.
            for (int id = 1; id <= 60; id++) {
                String name = "__push-" + id;
                assertThat(raw.call("DeleteQueue", "queueName", name).ok()).as("DeleteQueue %s", name).isFalse();
                assertThat(raw.call("SendMessage", "queueName", name, "msgBody", "x").ok()).as("SendMessage %s", name).isFalse();
                assertThat(raw.call("ReceiveMessage", "queueName", name).code()).as("ReceiveMessage %s", name).isNotIn(0, 7000);
                assertThat(raw.call("GetQueueAttributes", "queueName", name).ok()).as("GetQueueAttributes %s", name).isFalse();
                assertThat(topics.subscribe(topic, "steal" + id, "queue", name, "notifyContentFormat", "SIMPLIFIED").ok())
                        .as("a queue subscription to %s", name).isFalse();
            }
            assertThat(raw.call("ListQueue", "searchWord", "push", "limit", "100").assertOk().array("queueList")).isEmpty();
            topics.subscribeQueueOk(topic, "q", queue);

            String msgId = topics.publishOk(topic, "still pushed");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().getFirst().messageId()).isEqualTo(msgId);
            assertThat(topics.drainQueue(queue, 0, 10)).containsExactly("still pushed");
        }
    }

    @Test
    void topicMsgCountIsWhatItsHttpSubscriptionsStillOwe() {
        try (PushReceiver failing = PushReceiver.answering(Answer.status(500))) {
            String topic = topics.createTopicOk("owed", RawTopics.TAGS);
            topics.subscribeHttpOk(topic, "down", failing.url("/down"), "BACKOFF_RETRY", "JSON");

            topics.batchPublish(topic, List.of("1", "2", "3"), List.of(), null).assertOk();

            await().atMost(Duration.ofSeconds(10)).until(() -> failing.pushes().size() >= 3);
            assertThat(raw.call("GetTopicAttributes", "topicName", topic).assertOk().number("msgCount")).isEqualTo(3);
            Reply sub = topics.subscriptionAttributes(topic, "down").assertOk();
            assertThat(sub.number("msgCount")).isEqualTo(3);
            assertThat(sub.number("failedAttempts")).isGreaterThanOrEqualTo(3);
            assertThat(sub.text("lastError")).contains("500");
            raw.call("Unsubscribe", "topicName", topic, "subscriptionName", "down").assertOk();
            assertThat(raw.call("GetTopicAttributes", "topicName", topic).assertOk().number("msgCount")).isZero();
        }
    }
}
