package io.opencmq.it.sdk;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.entity.CmqResponse;
import io.opencmq.core.auth.Credentials;
import io.opencmq.it.support.ClientFlavor;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages through the official SDK 1.0.7, unchanged: send (with delay), batchSend, receive with
 * and without pollingWaitSeconds, batchReceive, delete, batchDelete and rewindQueue; bodies
 * that stress form and query encoding round-trip byte for byte. Runs once per {@link ClientFlavor}.
 */
class SdkMessagingTest {

    /** Bodies that break naive form/query decoding or signing, plus non-BMP and CJK text. */
    static final List<String> AWKWARD_BODIES = List.of(
            "a&b=c",
            "x+y%20z",
            "100% sure",
            "%E4%B8%AD is not decoded twice",
            "  leading and trailing spaces  ",
            "emoji \uD83D\uDE00\uD83C\uDF89 and more",
            "中文消息 日本語テキスト 한국어",
            "line\nbreak\ttab\r\nwindows",
            "quotes \"double\" 'single' \\backslash",
            "json {\"k\":[1,2,{\"x\":\"y\"}]}",
            "=&+%?#/;:@$,");

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    static Queue newQueue(Account account, String prefix, int visibilityTimeout, int rewindSeconds) throws Exception {
        String name = QueueNames.unique(prefix);
        QueueMeta meta = new QueueMeta();
        meta.visibilityTimeout = visibilityTimeout;
        meta.rewindSeconds = rewindSeconds;
        account.createQueue(name, meta);
        return account.getQueue(name);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void awkwardBodiesRoundTripExactly(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-bodies", 30, 0);

        for (String body : AWKWARD_BODIES) {
            String msgId = queue.sendMessage(body);
            Message received = queue.receiveMessage(0);

            assertThat(received.msgId).isEqualTo(msgId);
            assertThat(received.msgBody).as("body sent as %s", body).isEqualTo(body);
            queue.deleteMessage(received.receiptHandle);
        }
    }

    /** POST only: the SDK itself refuses GET URLs over 2048 characters. */
    @Test
    void oneMebibyteMessageRoundTrips() throws Exception {
        Queue queue = newQueue(server.get().account(), "sdk-1mib", 30, 0);
        assertThat(queue.getQueueAttributes().maxMsgSize).as("the SDK's QueueMeta default").isEqualTo(1_048_576);
        String body = "x".repeat(1_048_576 - 10) + "0123456789";

        queue.sendMessage(body);
        Message received = queue.receiveMessage(0);

        assertThat(received.msgBody).hasSize(1_048_576).isEqualTo(body);
        assertThat(Sdk.errorCode(() -> queue.sendMessage(body + "!"))).isEqualTo(4400);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void receivedMessageCarriesEveryField(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-fields", 45, 0);
        long before = nowSeconds();
        CmqResponse sent = queue.send("fields");

        Message received = queue.receiveMessage(0);

        assertThat(sent.getCode()).isZero();
        assertThat(sent.getMsgId()).isNotBlank();
        assertThat(sent.getRequestId()).isNotBlank();
        assertThat(received.msgId).isEqualTo(sent.getMsgId());
        assertThat(received.receiptHandle).isNotBlank();
        assertThat(received.dequeueCount).isEqualTo(1);
        assertThat(received.enqueueTime).as("enqueueTime in Unix seconds").isBetween(before - 5, nowSeconds() + 5);
        assertThat(received.firstDequeueTime).as("firstDequeueTime in Unix seconds").isBetween(before - 5, nowSeconds() + 5);
        assertThat(received.nextVisibleTime).as("nextVisibleTime = receive time + visibilityTimeout")
                .isBetween(before + 45 - 5, nowSeconds() + 45 + 5);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void delayedMessageStaysHiddenUntilDue(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-delay", 30, 0);
        long sentAt = System.nanoTime();

        String msgId = queue.send("later", 2).getMsgId();

        assertThat(Sdk.errorCode(() -> queue.receiveMessage(0))).isEqualTo(7000);
        assertThat(queue.getQueueAttributes().delayMsgNum).isEqualTo(1);
        Message received = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreException(CMQServerException.class)
                .until(() -> queue.receiveMessage(0), m -> m != null);
        assertThat(received.msgId).isEqualTo(msgId);
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void batchSendReceiveAndDelete(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-batch", 60, 0);
        List<String> bodies = IntStream.range(0, 16).mapToObj(i -> "batch-" + i + " " + AWKWARD_BODIES.get(i % AWKWARD_BODIES.size())).toList();

        List<CmqResponse> sent = queue.batchSend(bodies);
        List<String> ids = queue.batchSendMessage(List.of("second-batch-1", "second-batch-2"));

        assertThat(sent).hasSize(16).allSatisfy(r -> assertThat(r.getMsgId()).isNotBlank());
        assertThat(sent.stream().map(CmqResponse::getMsgId).distinct()).hasSize(16);
        assertThat(ids).hasSize(2).doesNotContainAnyElementsOf(sent.stream().map(CmqResponse::getMsgId).toList());

        Map<String, String> bodyById = new HashMap<>();
        List<String> handles = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bodyById.size() < 18 && System.nanoTime() < deadline) {
            for (Message m : queue.batchReceiveMessage(16, 1)) {
                assertThat(bodyById.put(m.msgId, m.msgBody)).as("delivered twice: %s", m.msgId).isNull();
                handles.add(m.receiptHandle);
            }
        }
        assertThat(bodyById.values()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(bodies.stream(), Stream.of("second-batch-1", "second-batch-2")).toList());

        queue.batchDeleteMessage(handles.subList(0, 16));
        queue.batchDeleteMessage(handles.subList(16, handles.size()));
        QueueMeta after = queue.getQueueAttributes();
        assertThat(after.activeMsgNum + after.inactiveMsgNum).isZero();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void batchReceiveWithoutWaitReturnsWhatIsThere(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-batch-nowait", 30, 0);
        queue.batchSendMessage(List.of("one", "two", "three"));

        List<Message> got = queue.batchReceiveMessage(16);

        assertThat(got).extracting(m -> m.msgBody).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(Sdk.errorCode(() -> queue.batchReceiveMessage(16))).as("everything is locked now").isEqualTo(7000);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void emptyReceiveSurfacesAsCode7000(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-empty", 30, 0);

        assertThat(Sdk.errorCode(queue::receiveMessage)).as("queue default wait (0)").isEqualTo(7000);
        long start = System.nanoTime();
        assertThat(Sdk.errorCode(() -> queue.receiveMessage(1))).as("explicit wait").isEqualTo(7000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited about the polling time")
                .isBetween(Duration.ofMillis(700), Duration.ofSeconds(10));
        assertThat(Sdk.errorCode(() -> queue.batchReceiveMessage(4, 1))).isEqualTo(7000);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void receiveWithoutArgumentsUsesTheQueueDefault(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-default-wait", 30, 0);
        queue.sendMessage("waiting for you");

        Message m = queue.receiveMessage();

        assertThat(m.msgBody).isEqualTo("waiting for you");
        assertThat(queue.deleteMessage(m.receiptHandle).getCode()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void deleteWithForeignOrForgedHandleFails(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        Queue queue = newQueue(account, "sdk-badhandle", 30, 0);
        Queue other = newQueue(account, "sdk-badhandle-other", 30, 0);
        other.sendMessage("elsewhere");
        String otherHandle = other.receiveMessage(0).receiptHandle;

        assertThat(Sdk.errorCode(() -> queue.deleteMessage("not-a-handle"))).isEqualTo(4430);
        assertThat(Sdk.errorCode(() -> queue.deleteMessage(otherHandle))).as("handle of another queue").isEqualTo(4430);
        assertThat(other.deleteMessage(otherHandle).getCode()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void rewindQueueRedeliversDeletedMessages(ClientFlavor flavor) throws Exception {
        Queue queue = newQueue(flavor.account(server.get()), "sdk-rewind", 30, 3600);
        int start = (int) nowSeconds() - 1;
        queue.sendMessage("first");
        queue.sendMessage("second");
        for (int i = 0; i < 2; i++) {
            queue.deleteMessage(queue.receiveMessage(0).receiptHandle);
        }
        assertThat(queue.getQueueAttributes().rewindmsgNum).isEqualTo(2);

        queue.rewindQueue(start);

        assertThat(queue.receiveMessage(0).msgBody).isEqualTo("first");
        assertThat(queue.receiveMessage(0).msgBody).isEqualTo("second");
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void wrongCredentialsAreRejectedWith4100(ClientFlavor flavor) {
        Account wrongKey = flavor.account(server.get().endpoint(),
                new Credentials(TestServer.CREDENTIALS.secretId(), "not-the-key"));
        Account unknownId = flavor.account(server.get().endpoint(),
                new Credentials("AKIDsomebodyElse", TestServer.CREDENTIALS.secretKey()));

        assertThat(Sdk.errorCode(() -> wrongKey.listQueue("", 0, 20, new ArrayList<>()))).isEqualTo(4100);
        assertThat(Sdk.errorCode(() -> wrongKey.createQueue(QueueNames.unique("sdk-nokey"), new QueueMeta()))).isEqualTo(4100);
        assertThat(Sdk.errorCode(() -> unknownId.listQueue("", 0, 20, new ArrayList<>()))).isEqualTo(4100);
    }
}
