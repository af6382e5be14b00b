package io.opencmq.it.topic;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topics and subscriptions are durable: every acknowledged change (create, attributes, filter
 * changes, clearing tags, unsubscribe, delete) is as it was after a kill -9, and publishing
 * after the restart fans out by the changed filters.
 */
class TopicRestartTest {

    @TempDir
    Path temp;

    private static RawTopics topics(ChildServer child) {
        return new RawTopics(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS));
    }

    @Test
    void everyAcknowledgedTopicChangeSurvivesKill9() {
        Path dataDir = temp.resolve("data");
        String routes;
        String tags;
        String gone;
        String eu;
        String all;
        Reply routesBefore;
        Reply subBefore;
        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawTopics t = topics(child);
            routes = t.createTopicOk("durable-routes", RawTopics.ROUTING_KEYS);
            tags = t.createTopicOk("durable-tags", RawTopics.TAGS);
            gone = t.createTopicOk("durable-gone", RawTopics.TAGS);
            eu = t.createQueueOk("durable-eu");
            all = t.createQueueOk("durable-all");
            t.client().call("SetTopicAttributes", "topicName", routes, "maxMsgSize", "2048").assertOk();
            t.subscribeQueueOk(routes, "eu", eu, "bindingKey.1", "order.eu.*");
            t.client().call("SetSubscriptionAttributes", "topicName", routes, "subscriptionName", "eu",
                    "bindingKey.1", "order.*.created", "bindingKey.2", "#.urgent").assertOk();
            t.subscribeQueueOk(tags, "all", all, "filterTag.1", "red");
            t.client().call("ClearSubscriptionFilterTags", "topicName", tags, "subscriptionName", "all").assertOk();
            t.subscribeQueueOk(tags, "dropped", eu);
            t.client().call("Unsubscribe", "topicName", tags, "subscriptionName", "dropped").assertOk();
            t.client().call("DeleteTopic", "topicName", gone).assertOk();
            t.publish(routes, "before the crash", List.of(), "order.us.created").assertOk();
            routesBefore = t.client().call("GetTopicAttributes", "topicName", routes).assertOk();
            subBefore = t.subscriptionAttributes(routes, "eu").assertOk();
            child.kill();
        }

        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawTopics t = topics(child);
            Reply routesAfter = t.client().call("GetTopicAttributes", "topicName", routes).assertOk();
            for (String f : List.of("maxMsgSize", "filterType", "createTime", "lastModifyTime", "msgRetentionSeconds")) {
                assertThat(routesAfter.number(f)).as(f).isEqualTo(routesBefore.number(f));
            }
            Reply subAfter = t.subscriptionAttributes(routes, "eu").assertOk();
            for (String f : List.of("protocol", "endpoint", "notifyStrategy", "notifyContentFormat")) {
                assertThat(subAfter.text(f)).as(f).isEqualTo(subBefore.text(f));
            }
            assertThat(subAfter.array("bindingKey")).extracting(JsonNode::asText).containsExactly("order.*.created", "#.urgent");
            assertThat(subAfter.number("createTime")).isEqualTo(subBefore.number("createTime"));
            assertThat(t.subscriptionAttributes(tags, "all").assertOk().array("filterTag")).isEmpty();
            assertThat(t.subscriptionAttributes(tags, "dropped").code()).isEqualTo(4440);
            assertThat(t.client().call("GetTopicAttributes", "topicName", gone).code()).isEqualTo(4440);
            assertThat(t.client().call("ListSubscriptionByTopic", "topicName", tags).assertOk().number("totalCount")).isEqualTo(1);

            t.publish(routes, "after: created", List.of(), "order.eu.created").assertOk();
            t.publish(routes, "after: urgent", List.of(), "billing.urgent").assertOk();
            assertThat(t.publish(routes, "after: other", List.of(), "order.eu.shipped").code()).isEqualTo(6030);
            assertThat(t.publish(routes, "x".repeat(2049), List.of(), "order.eu.created").code()).isEqualTo(4400);
            t.publish(tags, "untagged", List.of(), null).assertOk();
            assertThat(t.drainQueue(eu, 0, 10)).containsExactly("before the crash", "after: created", "after: urgent");
            assertThat(t.drainQueue(all, 0, 10)).containsExactly("untagged");
        }
    }
}
