package io.opencmq.it.topic;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.Reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topic and subscription calls over {@link RawCmqClient}, spelled the way the wire spells
 * them, for tests that need what the official SDK does not offer or hides (exact JSON, error
 * paths, push settings). Each method returns the {@link Reply} unless its name ends in Ok.
 */
final class RawTopics {

    static final int TAGS = 1;
    static final int ROUTING_KEYS = 2;

    private final RawCmqClient client;

    RawTopics(RawCmqClient client) {
        this.client = client;
    }

    RawCmqClient client() {
        return client;
    }

    /** Creates a topic with a unique name from {@code prefix} and returns the name. */
    String createTopicOk(String prefix, int filterType) {
        String name = QueueNames.unique(prefix);
        client.call("CreateTopic", "topicName", name, "filterType", Integer.toString(filterType)).assertOk();
        return name;
    }

    String createQueueOk(String prefix) {
        String name = QueueNames.unique(prefix);
        client.call("CreateQueue", "queueName", name).assertOk();
        return name;
    }

    /**
     * Subscribe with the given extra parameters, e.g. {@code "filterTag.1", "red"}; protocol and
     * endpoint are required.
     */
    Reply subscribe(String topic, String subscription, String protocol, String endpoint, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("topicName", topic);
        params.put("subscriptionName", subscription);
        params.put("protocol", protocol);
        params.put("endpoint", endpoint);
        params.putAll(RawCmqClient.pairs(more));
        return client.call("Subscribe", params);
    }

    /** A queue subscription (SIMPLIFIED, as CMQ requires) with the given filter parameters. */
    void subscribeQueueOk(String topic, String subscription, String queue, String... filters) {
        List<String> more = new ArrayList<>(List.of("notifyContentFormat", "SIMPLIFIED"));
        more.addAll(List.of(filters));
        subscribe(topic, subscription, "queue", queue, more.toArray(String[]::new)).assertOk();
    }

    /** An HTTP subscription with this strategy and format, plus filter parameters. */
    void subscribeHttpOk(String topic, String subscription, String url, String strategy, String format, String... filters) {
        List<String> more = new ArrayList<>(List.of("notifyStrategy", strategy, "notifyContentFormat", format));
        more.addAll(List.of(filters));
        subscribe(topic, subscription, "http", url, more.toArray(String[]::new)).assertOk();
    }

    /** PublishMessage with tags (msgTag.n) and an optional routing key (null: none). */
    Reply publish(String topic, String body, List<String> tags, String routingKey) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("topicName", topic);
        params.put("msgBody", body);
        indexed(params, "msgTag", tags);
        if (routingKey != null) {
            params.put("routingKey", routingKey);
        }
        return client.call("PublishMessage", params);
    }

    String publishOk(String topic, String body, String... tags) {
        return publish(topic, body, List.of(tags), null).assertOk().text("msgId");
    }

    Reply batchPublish(String topic, List<String> bodies, List<String> tags, String routingKey) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("topicName", topic);
        indexed(params, "msgBody", bodies);
        indexed(params, "msgTag", tags);
        if (routingKey != null) {
            params.put("routingKey", routingKey);
        }
        return client.call("BatchPublishMessage", params);
    }

    Reply subscriptionAttributes(String topic, String subscription) {
        return client.call("GetSubscriptionAttributes", "topicName", topic, "subscriptionName", subscription);
    }

    /** Receives and deletes everything in {@code queue} until a receive waits {@code waitSeconds} in vain; the bodies in order. */
    List<String> drainQueue(String queue, int waitSeconds, int maxMessages) {
        List<String> bodies = new ArrayList<>();
        while (bodies.size() < maxMessages) {
            Reply r = client.call("BatchReceiveMessage", "queueName", queue, "numOfMsg", "16",
                    "pollingWaitSeconds", Integer.toString(waitSeconds));
            if (r.code() == 7000) {
                break;
            }
            r.assertOk();
            Map<String, String> handles = new LinkedHashMap<>();
            int i = 1;
            for (JsonNode m : r.array("msgInfoList")) {
                bodies.add(m.get("msgBody").asText());
                handles.put("receiptHandle." + i++, m.get("receiptHandle").asText());
            }
            Map<String, String> delete = new LinkedHashMap<>(handles);
            delete.put("queueName", queue);
            client.call("BatchDeleteMessage", delete).assertOk();
        }
        return bodies;
    }

    private static void indexed(Map<String, String> params, String name, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            params.put(name + "." + (i + 1), values.get(i));
        }
    }
}
