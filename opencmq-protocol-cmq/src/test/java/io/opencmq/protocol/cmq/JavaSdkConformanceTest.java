package io.opencmq.protocol.cmq;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import com.qcloud.cmq.Subscription;
import com.qcloud.cmq.SubscriptionMeta;
import com.qcloud.cmq.Topic;
import com.qcloud.cmq.TopicMeta;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.Clock;
import io.opencmq.core.time.ExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Java SDK 1.0.7 against {@link CmqApi} behind the JDK's small HTTP server (the
 * Netty server is not needed to check the protocol): its signatures verify, and it can read
 * every response it parses.
 */
class JavaSdkConformanceTest {
    private ExecutorScheduler scheduler;
    private Broker broker;
    private HttpServer http;
    private ExecutorService executor;
    private String endpoint;

    @BeforeEach
    void start() throws IOException {
        scheduler = new ExecutorScheduler("test-scheduler");
        broker = Broker.open(new MemoryMessageStore(), Clock.SYSTEM, scheduler, BrokerOptions.defaults());
        CmqApi api = new CmqApi(broker, broker, CmqTestServer.CREDENTIALS, CmqApiOptions.defaults(), Clock.SYSTEM);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(4);
        http.setExecutor(executor);
        http.createContext("/v2/index.php", exchange -> answer(api, exchange));
        http.start();
        endpoint = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static void answer(CmqApi api, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        CmqHttpRequest request = new CmqHttpRequest(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), body,
                exchange.getRemoteAddress().toString());
        byte[] response = api.handle(request).join();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    @AfterEach
    void stop() {
        http.stop(0);
        executor.shutdownNow();
        broker.close();
        scheduler.close();
    }

    private Account account(String method) {
        return new Account(CmqTestServer.CREDENTIALS.secretId(), CmqTestServer.CREDENTIALS.secretKey(), endpoint, "/v2/index.php", method);
    }

    @Test
    void queueLifecycleAndMessagesThroughTheOfficialClient() throws Exception {
        Account account = account("POST");
        account.createQueue("sdkq", new QueueMeta());
        Queue queue = account.getQueue("sdkq");

        String text = "hello &=+% 你好 😀";
        String msgId = queue.sendMessage(text);
        Message m = queue.receiveMessage(1);
        assertThat(m.msgId).isEqualTo(msgId);
        assertThat(m.msgBody).isEqualTo(text);
        assertThat(m.dequeueCount).isEqualTo(1);
        assertThat(m.nextVisibleTime - m.enqueueTime).isBetween(29L, 31L);
        queue.deleteMessage(m.receiptHandle);

        List<String> ids = queue.batchSendMessage(List.of("a", "b", "c"));
        assertThat(ids).hasSize(3);
        List<Message> batch = queue.batchReceiveMessage(16, 1);
        assertThat(batch).extracting(x -> x.msgBody).containsExactly("a", "b", "c");
        List<String> handles = new ArrayList<>();
        batch.forEach(x -> handles.add(x.receiptHandle));
        queue.batchDeleteMessage(handles);

        assertThatThrownBy(() -> queue.receiveMessage(0)).isInstanceOf(CMQServerException.class).hasToString(
                "code:7000, message:(10200)no message");

        QueueMeta change = new QueueMeta();
        change.visibilityTimeout = 60;
        change.rewindSeconds = 600;
        queue.setQueueAttributes(change);
        QueueMeta meta = queue.getQueueAttributes();
        assertThat(meta.visibilityTimeout).isEqualTo(60);
        assertThat(meta.rewindSeconds).isEqualTo(600);
        assertThat(meta.maxMsgSize).isEqualTo(1048576);
        assertThat(meta.activeMsgNum).isZero();
        assertThat(meta.rewindmsgNum).isEqualTo(4);
        queue.rewindQueue((int) (System.currentTimeMillis() / 1000) - 60);
        assertThat(queue.getQueueAttributes().activeMsgNum).isEqualTo(4);

        List<String> names = new ArrayList<>();
        assertThat(account.listQueue("sdk", 0, 20, names)).isEqualTo(1);
        assertThat(names).containsExactly("sdkq");

        account.deleteQueue("sdkq");
        assertThatThrownBy(queue::getQueueAttributes).isInstanceOf(CMQServerException.class).asString().contains("4440");
    }

    @Test
    void getAndHmacSha256AreAccepted() throws Exception {
        Account account = account("GET");
        account.setSignMethod("sha256");
        account.createQueue("viaGet", new QueueMeta());
        Queue queue = account.getQueue("viaGet");
        queue.sendMessage("x y");
        assertThat(queue.receiveMessage(1).msgBody).isEqualTo("x y");
    }

    @Test
    void topicsAndSubscriptionsThroughTheOfficialClient() throws Exception {
        Account account = account("POST");
        account.createQueue("reds", new QueueMeta());
        account.createQueue("rest", new QueueMeta());
        account.createTopic("colours", 65536);
        Topic topic = account.getTopic("colours");

        topic.setTopicAttributes(4096);
        TopicMeta meta = topic.getTopicAttributes();
        assertThat(meta.maxMsgSize).isEqualTo(4096);
        assertThat(meta.msgRetentionSeconds).isEqualTo(86400);
        assertThat(meta.filterType).isEqualTo(1);
        assertThat(meta.createTime).isPositive();
        List<String> topics = new ArrayList<>();
        assertThat(account.listTopic("col", topics, 0, 20)).isEqualTo(1);
        assertThat(topics).containsExactly("colours");

        assertThatThrownBy(() -> topic.publishMessage("nobody listens")).isInstanceOf(CMQServerException.class)
                .asString().contains("6030");

        account.createSubscribe("colours", "red", "reds", "queue", List.of("red"), null, "BACKOFF_RETRY", "SIMPLIFIED");
        account.createSubscribe("colours", "other", "rest", "queue", List.of("blue", "green"), null,
                "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
        List<String> subscriptions = new ArrayList<>();
        assertThat(topic.ListSubscription(0, 20, "", subscriptions)).isEqualTo(2);
        assertThat(subscriptions).containsExactlyInAnyOrder("red", "other");

        String msgId = topic.publishMessage("a red one", List.of("red"), null);
        assertThat(msgId).isNotEmpty();
        Vector<String> ids = topic.batchPublishMessage(List.of("b1", "b2"), List.of("blue"), null);
        assertThat(ids).hasSize(2);
        Queue reds = account.getQueue("reds");
        Queue rest = account.getQueue("rest");
        assertThat(reds.receiveMessage(1).msgBody).isEqualTo("a red one");
        assertThat(rest.batchReceiveMessage(16, 1)).extracting(m -> m.msgBody).containsExactly("b1", "b2");

        Subscription red = account.getSubscription("colours", "red");
        SubscriptionMeta sm = red.getSubscriptionAttributes();
        assertThat(sm.Protocal).isEqualTo("queue");
        assertThat(sm.Endpoint).isEqualTo("reds");
        assertThat(sm.NotifyStrategy).isEqualTo("BACKOFF_RETRY");
        assertThat(sm.NotifyContentFormat).isEqualTo("SIMPLIFIED");
        assertThat(sm.FilterTag).containsExactly("red");
        assertThat(sm.bindingKey).isNullOrEmpty();
        assertThat(sm.CreateTime).isPositive();

        SubscriptionMeta change = new SubscriptionMeta();
        change.NotifyStrategy = "EXPONENTIAL_DECAY_RETRY";
        change.NotifyContentFormat = "SIMPLIFIED";
        change.FilterTag = new Vector<>(List.of("red", "blue"));
        red.SetSubscriptionAttributes(change);
        sm = red.getSubscriptionAttributes();
        assertThat(sm.NotifyStrategy).isEqualTo("EXPONENTIAL_DECAY_RETRY");
        assertThat(sm.FilterTag).containsExactly("red", "blue");

        red.ClearFilterTags();
        assertThat(red.getSubscriptionAttributes().FilterTag).isNullOrEmpty();
        topic.publishMessage("untagged");
        assertThat(reds.receiveMessage(1).msgBody).isEqualTo("untagged");

        assertThatThrownBy(() -> account.deleteTopic("colours")).isInstanceOf(CMQServerException.class).asString().contains("4000");
        account.deleteSubscribe("colours", "red");
        account.deleteSubscribe("colours", "other");
        account.deleteTopic("colours");
        assertThatThrownBy(topic::getTopicAttributes).isInstanceOf(CMQServerException.class).asString().contains("4440");
    }

    @Test
    void routingKeyTopicsThroughTheOfficialClient() throws Exception {
        Account account = account("GET");
        account.setSignMethod("sha256");
        account.createQueue("eu", new QueueMeta());
        account.createTopic("orders", 65536, 2);
        assertThat(account.getTopic("orders").getTopicAttributes().filterType).isEqualTo(2);
        account.createSubscribe("orders", "eu", "eu", "queue", null, List.of("order.eu.*", "#.urgent"),
                "BACKOFF_RETRY", "SIMPLIFIED");
        assertThat(account.getSubscription("orders", "eu").getSubscriptionAttributes().bindingKey)
                .containsExactly("order.eu.*", "#.urgent");
        Topic topic = account.getTopic("orders");
        topic.publishMessage("one", "order.eu.created");
        topic.batchPublishMessage(List.of("two", "three"), "order.us.urgent");
        assertThatThrownBy(() -> topic.publishMessage("none", "order.us.created")).isInstanceOf(CMQServerException.class)
                .asString().contains("6030");
        Queue eu = account.getQueue("eu");
        assertThat(eu.batchReceiveMessage(16, 1)).extracting(m -> m.msgBody).containsExactly("one", "two", "three");
    }

    @Test
    void theSdksShortOverloadsUseItsDefaults() throws Exception {
        Account account = account("POST");
        account.createQueue("plain", new QueueMeta());
        account.createTopic("news", 65536);
        assertThatThrownBy(() -> account.createTopic("NEWS", 65536)).isInstanceOf(CMQServerException.class)
                .asString().contains("4460");

        // The 4-argument createSubscribe sends BACKOFF_RETRY and JSON: fine for HTTP, refused for a queue.
        account.createSubscribe("news", "hook", "http://127.0.0.1:9/hook", "http");
        SubscriptionMeta hook = account.getSubscription("news", "hook").getSubscriptionAttributes();
        assertThat(hook.Protocal).isEqualTo("http");
        assertThat(hook.NotifyStrategy).isEqualTo("BACKOFF_RETRY");
        assertThat(hook.NotifyContentFormat).isEqualTo("JSON");
        assertThatThrownBy(() -> account.createSubscribe("news", "q", "plain", "queue")).isInstanceOf(CMQServerException.class)
                .asString().contains("10640");
        account.deleteSubscribe("news", "hook");

        account.createSubscribe("news", "q", "plain", "queue", null, null, "BACKOFF_RETRY", "SIMPLIFIED");
        Topic topic = account.getTopic("news");
        assertThat(topic.batchPublishMessage(List.of("x", "y"))).hasSize(2);
        assertThat(account.getQueue("plain").batchReceiveMessage(16, 1)).extracting(m -> m.msgBody).containsExactly("x", "y");
    }
}
