package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/** PublishMessage and BatchPublishMessage, with tag and routing-key filters, down to the subscribed queues. */
class PublishActionsTest {
    private final CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    /** A queue named after the subscription, subscribed to the topic with the given filter parameters. */
    private void subscribeQueue(String topic, String name, String... filter) {
        assertOk(server.call("CreateQueue", "queueName", name));
        List<String> args = new ArrayList<>(List.of("topicName", topic, "subscriptionName", name, "protocol", "queue", "endpoint", name));
        args.addAll(List.of(filter));
        assertOk(server.call("Subscribe", args.toArray(String[]::new)));
    }

    /** Every body the queue holds now, receiving and deleting them. */
    private List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            JsonNode got = server.call("BatchReceiveMessage", "queueName", queue, "numOfMsg", "16", "pollingWaitSeconds", "0");
            if (got.get("code").intValue() == 7000) {
                return bodies;
            }
            assertOk(got);
            for (JsonNode m : got.get("msgInfoList")) {
                bodies.add(string(m, "msgBody"));
                assertOk(server.call("DeleteMessage", "queueName", queue, "receiptHandle", string(m, "receiptHandle")));
            }
        }
    }

    private Map<String, List<String>> drainAll(String... queues) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String q : queues) {
            all.put(q, drain(q));
        }
        return all;
    }

    @Test
    void publishAnswersAMsgIdAndTheBodyArrivesIntact() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        subscribeQueue("t", "q");
        String text = "a&b=c+d %25 100% 你好\n\"quoted\" 😀";
        JsonNode sent = server.call("PublishMessage", "topicName", "t", "msgBody", text);
        assertOk(sent);
        assertThat(string(sent, "msgId")).isNotEmpty();
        assertThat(drain("q")).containsExactly(text);
    }

    @Test
    void tagFiltersIntersect() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        subscribeQueue("t", "everything");
        subscribeQueue("t", "red", "filterTag.1", "red");
        subscribeQueue("t", "coolcolours", "filterTag.1", "blue", "filterTag.2", "green");

        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "r", "msgTag.1", "red"));
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "untagged"));
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "gy", "msgTag.1", "green", "msgTag.2", "yellow"));
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "rb", "msgTag.0", "red", "msgTag.1", "blue"));
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "y", "msgTag.1", "yellow"));

        assertThat(drainAll("everything", "red", "coolcolours")).isEqualTo(Map.of(
                "everything", List.of("r", "untagged", "gy", "rb", "y"),
                "red", List.of("r", "rb"),
                "coolcolours", List.of("gy", "rb")));
    }

    @Test
    void routingKeysMatchWordByWord() {
        assertOk(server.call("CreateTopic", "topicName", "orders", "filterType", "2"));
        subscribeQueue("orders", "star", "bindingKey.1", "order.*");
        subscribeQueue("orders", "hash", "bindingKey.1", "order.#");
        subscribeQueue("orders", "paid", "bindingKey.1", "#.paid");
        subscribeQueue("orders", "exact", "bindingKey.1", "order.eu.created", "bindingKey.2", "refund.*.done");

        for (String key : List.of("order", "order.new", "order.eu.created", "order.eu.paid", "refund.x.done", "refund.done", "paid")) {
            JsonNode sent = server.call("PublishMessage", "topicName", "orders", "msgBody", key, "routingKey", key);
            if (key.equals("refund.done")) {
                assertError(sent, 6030, "(10730)no bindingKey or filterTag matches");
            } else {
                assertOk(sent);
            }
        }

        assertThat(drainAll("star", "hash", "paid", "exact")).isEqualTo(Map.of(
                "star", List.of("order.new"),
                "hash", List.of("order", "order.new", "order.eu.created", "order.eu.paid"),
                "paid", List.of("order.eu.paid", "paid"),
                "exact", List.of("order.eu.created", "refund.x.done")));
    }

    @Test
    void aRoutingKeyTopicNeedsARoutingKey() {
        assertOk(server.call("CreateTopic", "topicName", "orders", "filterType", "2"));
        subscribeQueue("orders", "all", "bindingKey.1", "#");
        assertError(server.call("PublishMessage", "topicName", "orders", "msgBody", "x"), 4000, "(10700)");
        assertError(server.call("PublishMessage", "topicName", "orders", "msgBody", "x", "routingKey", "x".repeat(65)), 4000, "(10700)");
        assertError(server.call("PublishMessage", "topicName", "orders", "msgBody", "x", "routingKey", "a" + ".a".repeat(16)), 4000,
                "(10700)");
        assertOk(server.call("PublishMessage", "topicName", "orders", "msgBody", "x", "routingKey", "a" + ".a".repeat(15)));
        assertThat(drain("all")).containsExactly("x");
    }

    @Test
    void publishErrors() {
        assertOk(server.call("CreateTopic", "topicName", "t", "maxMsgSize", "1024"));
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "x"), 6030, "(10650)topic has no subscription");
        subscribeQueue("t", "only", "filterTag.1", "red");
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "x", "msgTag.1", "blue"), 6030, "(10730)");
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "x"), 6030, "(10730)");

        assertError(server.call("PublishMessage", "topicName", "t"), 4000, "(10390)lacked of required parameter msgBody");
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "", "msgTag.1", "red"), 4000,
                "(10120)message body can't be empty");
        assertError(server.call("PublishMessage", "msgBody", "x"), 4000, "(10390)lacked of required parameter topicName");
        assertError(server.call("PublishMessage", "topicName", "nope", "msgBody", "x"), 4440, "(10600)");
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "é".repeat(512), "msgTag.1", "red"));
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "é".repeat(512) + "x", "msgTag.1", "red"), 4400,
                "(10230)exceed maximum message size");

        List<String> six = new ArrayList<>(List.of("topicName", "t", "msgBody", "x"));
        for (int i = 1; i <= 6; i++) {
            six.addAll(List.of("msgTag." + i, "red"));
        }
        assertError(server.call("PublishMessage", six.toArray(String[]::new)), 4000, "(10720)too many msgTag");
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "x", "msgTag.1", "r".repeat(17)), 4000, "(10720)");
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "x", "msgTag.2", "red"), 4000,
                "(10380)msgTag parameter is not consequent");
        assertThat(drain("only")).containsExactly("é".repeat(512));
    }

    @Test
    void aDeletedQueueDoesNotStopTheOtherSubscriptionsAndIsReportedOnItsOwn() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        subscribeQueue("t", "kept");
        subscribeQueue("t", "gone");
        assertOk(server.call("DeleteQueue", "queueName", "gone"));
        long now = server.nowSeconds();
        assertOk(server.call("PublishMessage", "topicName", "t", "msgBody", "x"));
        assertThat(drain("kept")).containsExactly("x");

        JsonNode gone = server.call("GetSubscriptionAttributes", "topicName", "t", "subscriptionName", "gone");
        assertThat(gone.get("failedAttempts").longValue()).isEqualTo(1);
        assertThat(gone.get("deliveredCount").longValue()).isZero();
        assertThat(string(gone, "lastError")).contains("gone");
        assertThat(gone.get("lastErrorTime").longValue()).isEqualTo(now);
        JsonNode kept = server.call("GetSubscriptionAttributes", "topicName", "t", "subscriptionName", "kept");
        assertThat(kept.get("deliveredCount").longValue()).isEqualTo(1);
        assertThat(kept.get("failedAttempts").longValue()).isZero();

        assertOk(server.call("Unsubscribe", "topicName", "t", "subscriptionName", "kept"));
        assertError(server.call("PublishMessage", "topicName", "t", "msgBody", "y"), 4440, "(10100)queue is not existed");
    }

    @Test
    void batchPublishAnswersIdsInOrderAndDeliversInOrder() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        subscribeQueue("t", "red", "filterTag.1", "red");
        subscribeQueue("t", "blue", "filterTag.1", "blue");
        JsonNode sent = server.call("BatchPublishMessage", "topicName", "t",
                "msgBody.1", "m1", "msgBody.2", "m2", "msgBody.3", "m3", "msgTag.1", "red");
        assertOk(sent);
        JsonNode list = sent.get("msgList");
        assertThat(list.size()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list) {
            ids.add(string(m, "msgId"));
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(drainAll("red", "blue")).isEqualTo(Map.of("red", List.of("m1", "m2", "m3"), "blue", List.of()));
    }

    @Test
    void batchPublishErrors() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        subscribeQueue("t", "q");
        List<String> seventeen = new ArrayList<>(List.of("topicName", "t"));
        for (int i = 1; i <= 17; i++) {
            seventeen.addAll(List.of("msgBody." + i, "m" + i));
        }
        assertError(server.call("BatchPublishMessage", seventeen.toArray(String[]::new)), 4000,
                "(10370)msgBody parameter batch size is out of range (1..16)");
        assertError(server.call("BatchPublishMessage", "topicName", "t"), 4000, "(10390)lacked of required parameter msgBody.n");
        assertError(server.call("BatchPublishMessage", "topicName", "t", "msgBody.1", "a", "msgBody.3", "b"), 4000, "(10380)");
        assertError(server.call("BatchPublishMessage", "topicName", "t", "msgBody.1", "a", "msgBody.2", ""), 4000, "(10120)");
        assertThat(drain("q")).isEmpty();
    }
}
