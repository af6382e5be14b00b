package io.opencmq.it.topic;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import com.qcloud.cmq.Subscription;
import com.qcloud.cmq.SubscriptionMeta;
import com.qcloud.cmq.Topic;
import com.qcloud.cmq.TopicMeta;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.topic.PushReceiver.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation the official SDK 1.0.7 offers on topics and subscriptions, against the real
 * server: Account.createTopic (both overloads), listTopic, deleteTopic, createSubscribe (both
 * overloads), deleteSubscribe, getTopic and getSubscription; Topic.getTopicAttributes,
 * setTopicAttributes, publishMessage and batchPublishMessage (each overload), ListSubscription;
 * Subscription.getSubscriptionAttributes, SetSubscriptionAttributes and ClearFilterTags (which
 * the SDK sends under the misspelled action name ClearSUbscriptionFIlterTags). What a publish
 * delivers is read back through the SDK's own Queue.
 */
class SdkTopicTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static Account account;

    @BeforeAll
    static void openClients() {
        account = server.get().account();
    }

    private static String newQueue(String prefix) throws Exception {
        String name = QueueNames.unique(prefix);
        account.createQueue(name, new QueueMeta());
        return name;
    }

    /**
     * Receives everything in the queue through the SDK, deleting as it goes; the bodies in order.
     * No long poll: a publish is in every matching queue by the time it is acknowledged.
     */
    private static List<String> drain(String queueName) throws Exception {
        Queue queue = account.getQueue(queueName);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Message m;
            try {
                m = queue.receiveMessage(0);
            } catch (com.qcloud.cmq.CMQServerException e) {
                assertThat(Sdk.codeOf(e)).as("only 'no message' ends the drain").isEqualTo(7000);
                return bodies;
            }
            bodies.add(m.msgBody);
            queue.deleteMessage(m.receiptHandle);
        }
        throw new AssertionError("queue " + queueName + " did not run dry");
    }

    @Test
    void topicLifecycleAndAttributes() throws Exception {
        String name = QueueNames.unique("sdk-topic");
        long before = System.currentTimeMillis() / 1000;
        account.createTopic(name, 4096);

        Topic topic = account.getTopic(name);
        TopicMeta meta = topic.getTopicAttributes();
        assertThat(meta.maxMsgSize).isEqualTo(4096);
        assertThat(meta.msgRetentionSeconds).as("CMQ's fixed topic message lifetime").isEqualTo(86_400);
        assertThat(meta.filterType).as("the 2-argument createTopic means tags").isEqualTo(1);
        assertThat(meta.msgCount).isZero();
        assertThat((long) meta.createTime).isBetween(before - 2, before + 10);
        assertThat(meta.lastModifyTime).isEqualTo(meta.createTime);

        topic.setTopicAttributes(65_536);
        TopicMeta changed = topic.getTopicAttributes();
        assertThat(changed.maxMsgSize).isEqualTo(65_536);
        assertThat(changed.lastModifyTime).isGreaterThanOrEqualTo(meta.createTime);
        assertThat(changed.createTime).isEqualTo(meta.createTime);

        assertThat(Sdk.errorCode(() -> account.createTopic(name.toUpperCase(), 4096)))
                .as("names are unique ignoring case").isEqualTo(4460);

        account.deleteTopic(name);
        assertThat(Sdk.errorCode(topic::getTopicAttributes)).isEqualTo(4440);
        assertThat(Sdk.errorCode(() -> account.deleteTopic(name))).isEqualTo(4440);
    }

    @Test
    void listTopicSearchesAndPages() throws Exception {
        String word = "sdklist" + QueueNames.unique("x").replace("-", "");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = word + "-" + i;
            account.createTopic(name, 65_536, i % 2 == 0 ? 1 : 2);
            created.add(name);
        }

        List<String> all = new ArrayList<>();
        assertThat(account.listTopic(word, all, 0, 20)).isEqualTo(5);
        assertThat(all).containsExactlyInAnyOrderElementsOf(created);

        List<String> page1 = new ArrayList<>();
        List<String> page2 = new ArrayList<>();
        assertThat(account.listTopic(word, page1, 0, 3)).isEqualTo(5);
        assertThat(account.listTopic(word, page2, 3, 3)).isEqualTo(5);
        assertThat(page1).hasSize(3);
        assertThat(page2).hasSize(2).doesNotContainAnyElementsOf(page1);

        assertThat(account.getTopic(created.get(1)).getTopicAttributes().filterType).isEqualTo(2);
        for (String name : created) {
            account.deleteTopic(name);
        }
        List<String> none = new ArrayList<>();
        assertThat(account.listTopic(word, none, 0, 20)).isZero();
        assertThat(none).isEmpty();
    }

    @Test
    void tagTopicFansOutToQueueSubscriptionsThroughEveryPublishOverload() throws Exception {
        String name = QueueNames.unique("sdk-tags");
        account.createTopic(name, 65_536);
        Topic topic = account.getTopic(name);
        assertThat(Sdk.errorCode(() -> topic.publishMessage("nobody listens"))).as("no subscription").isEqualTo(6030);

        String reds = newQueue("sdk-reds");
        String everything = newQueue("sdk-all");
        account.createSubscribe(name, "reds", reds, "queue", List.of("red"), null, "BACKOFF_RETRY", "SIMPLIFIED");
        account.createSubscribe(name, "all", everything, "queue", null, null, "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        assertThat(Sdk.errorCode(() -> account.createSubscribe(name, "ALL", everything, "queue", null, null,
                "BACKOFF_RETRY", "SIMPLIFIED"))).as("subscription names are unique ignoring case").isEqualTo(4490);

        String id1 = topic.publishMessage("plain");
        String id2 = topic.publishMessage("red one", List.of("red", "green"), null);
        String id3 = topic.publishMessage("blue one", List.of("blue"), null);
        Vector<String> batch1 = topic.batchPublishMessage(List.of("b1", "b2"));
        Vector<String> batch2 = topic.batchPublishMessage(List.of("r1", "r2", "r3"), List.of("red"), null);

        assertThat(List.of(id1, id2, id3)).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(batch1).hasSize(2);
        assertThat(batch2).hasSize(3);
        assertThat(drain(reds)).containsExactly("red one", "r1", "r2", "r3");
        assertThat(drain(everything)).containsExactly("plain", "red one", "blue one", "b1", "b2", "r1", "r2", "r3");

        Subscription sub = account.getSubscription(name, "reds");
        SubscriptionMeta meta = sub.getSubscriptionAttributes();
        assertThat(meta.Endpoint).isEqualTo(reds);
        assertThat(meta.Protocal).isEqualTo("queue");
        assertThat(meta.NotifyStrategy).isEqualTo("BACKOFF_RETRY");
        assertThat(meta.NotifyContentFormat).isEqualTo("SIMPLIFIED");
        assertThat(meta.FilterTag).containsExactly("red");
        // The SDK leaves a Vector null when the server's array is empty.
        assertThat(meta.bindingKey).isNullOrEmpty();
        assertThat(meta.CreateTime).isPositive();
        assertThat(meta.LastModifyTime).isGreaterThanOrEqualTo(meta.CreateTime);

        // ClearFilterTags goes out as "ClearSUbscriptionFIlterTags": the subscription then takes everything.
        sub.ClearFilterTags();
        assertThat(sub.getSubscriptionAttributes().FilterTag).isNullOrEmpty();
        topic.publishMessage("untagged, after clearing");
        assertThat(drain(reds)).containsExactly("untagged, after clearing");

        SubscriptionMeta change = new SubscriptionMeta();
        change.NotifyStrategy = "EXPONENTIAL_DECAY_RETRY";
        change.NotifyContentFormat = "SIMPLIFIED";
        change.FilterTag = new Vector<>(List.of("blue", "green"));
        sub.SetSubscriptionAttributes(change);
        SubscriptionMeta after = sub.getSubscriptionAttributes();
        assertThat(after.NotifyStrategy).isEqualTo("EXPONENTIAL_DECAY_RETRY");
        assertThat(after.FilterTag).containsExactlyInAnyOrder("blue", "green");
        topic.publishMessage("green", List.of("green"), null);
        topic.publishMessage("red again", List.of("red"), null);
        assertThat(drain(reds)).containsExactly("green");

        SubscriptionMeta toJson = new SubscriptionMeta();
        toJson.NotifyContentFormat = "JSON";
        assertThat(Sdk.errorCode(() -> sub.SetSubscriptionAttributes(toJson))).as("a queue subscription stays SIMPLIFIED")
                .isEqualTo(4000);

        List<String> subs = new ArrayList<>();
        assertThat(topic.ListSubscription(0, 20, "", subs)).isEqualTo(2);
        assertThat(subs).containsExactlyInAnyOrder("reds", "all");
        List<String> searched = new ArrayList<>();
        assertThat(topic.ListSubscription(0, 20, "red", searched)).isEqualTo(1);
        assertThat(searched).containsExactly("reds");

        assertThat(Sdk.errorCode(() -> account.deleteTopic(name))).as("refused while subscriptions exist").isEqualTo(4000);
        account.deleteSubscribe(name, "reds");
        account.deleteSubscribe(name, "all");
        assertThat(Sdk.errorCode(() -> account.deleteSubscribe(name, "all"))).isEqualTo(4440);
        account.deleteTopic(name);
    }

    @Test
    void routingKeyTopicMatchesBindingKeysThroughEveryPublishOverload() throws Exception {
        String name = QueueNames.unique("sdk-routes");
        account.createTopic(name, 65_536, 2);
        Topic topic = account.getTopic(name);
        String eu = newQueue("sdk-eu");
        String urgent = newQueue("sdk-urgent");
        account.createSubscribe(name, "eu", eu, "queue", null, List.of("order.eu.*"), "BACKOFF_RETRY", "SIMPLIFIED");
        account.createSubscribe(name, "urgent", urgent, "queue", null, List.of("#.urgent"), "BACKOFF_RETRY", "SIMPLIFIED");

        topic.publishMessage("eu created", "order.eu.created");
        topic.publishMessage("eu urgent", List.of(), "order.eu.urgent");
        topic.batchPublishMessage(List.of("us urgent 1", "us urgent 2"), "order.us.urgent");
        topic.batchPublishMessage(List.of("bare urgent"), List.of(), "urgent");
        assertThat(Sdk.errorCode(() -> topic.publishMessage("nobody", "order.us.created"))).as("no binding key matches")
                .isEqualTo(6030);
        assertThat(Sdk.errorCode(() -> topic.publishMessage("too deep", "order.eu.created.late")))
                .as("* is exactly one word, and nothing else matches").isEqualTo(6030);

        assertThat(drain(eu)).containsExactly("eu created", "eu urgent");
        assertThat(drain(urgent)).containsExactly("eu urgent", "us urgent 1", "us urgent 2", "bare urgent");

        Subscription sub = account.getSubscription(name, "eu");
        assertThat(sub.getSubscriptionAttributes().bindingKey).containsExactly("order.eu.*");
        SubscriptionMeta change = new SubscriptionMeta();
        change.NotifyContentFormat = "SIMPLIFIED";
        change.bindingKey = new Vector<>(List.of("order.#"));
        sub.SetSubscriptionAttributes(change);
        assertThat(sub.getSubscriptionAttributes().bindingKey).containsExactly("order.#");
        topic.publishMessage("us created", "order.us.created");
        assertThat(drain(eu)).containsExactly("us created");
    }

    @Test
    void httpSubscriptionWithTheShortOverloadPushesJsonWithBackoffRetry() throws Exception {
        try (PushReceiver receiver = PushReceiver.answering(Answer.ok())) {
            String name = QueueNames.unique("sdk-http");
            account.createTopic(name, 65_536);
            account.createSubscribe(name, "hook", receiver.url("/sdk"), "http");

            SubscriptionMeta meta = account.getSubscription(name, "hook").getSubscriptionAttributes();
            assertThat(meta.Protocal).isEqualTo("http");
            assertThat(meta.Endpoint).isEqualTo(receiver.url("/sdk"));
            assertThat(meta.NotifyStrategy).as("the SDK's default").isEqualTo("BACKOFF_RETRY");
            assertThat(meta.NotifyContentFormat).as("the SDK's default").isEqualTo("JSON");

            String msgId = account.getTopic(name).publishMessage("to the hook");

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
            PushReceiver.Push push = receiver.accepted().getFirst();
            assertThat(push.messageId()).isEqualTo(msgId);
            assertThat(push.bodyText()).contains("\"msgBody\":\"to the hook\"", "\"subscriptionName\":\"hook\"");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    account.getSubscription(name, "hook").getSubscriptionAttributes().msgCount == 0);
        }
    }
}
