package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.limits.QueueLimits;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.opencmq.protocol.cmq.CmqTestServer.await;
import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/** SendMessage, BatchSendMessage, ReceiveMessage, BatchReceiveMessage, DeleteMessage, BatchDeleteMessage. */
class MessageActionsTest {
    private CmqTestServer server = new CmqTestServer();

    @BeforeEach
    void createQueue() {
        assertOk(server.call("CreateQueue", "queueName", "q", "visibilityTimeout", "30"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aMessageRoundTripsWithTheFieldsTheSdkReads() {
        String text = "a&b=c+d %25 100% 你好\n\"quoted\" 😀";
        JsonNode sent = server.call("SendMessage", "queueName", "q", "msgBody", text, "delaySeconds", "0");
        assertOk(sent);
        String msgId = string(sent, "msgId");

        long now = server.nowSeconds();
        JsonNode got = server.call("ReceiveMessage", "queueName", "q");
        assertOk(got);
        assertThat(string(got, "msgId")).isEqualTo(msgId);
        assertThat(string(got, "msgBody")).isEqualTo(text);
        assertThat(string(got, "receiptHandle")).isNotEmpty();
        assertThat(number(got, "enqueueTime")).isEqualTo(now);
        assertThat(number(got, "nextVisibleTime")).isEqualTo(now + 30);
        assertThat(number(got, "firstDequeueTime")).isEqualTo(now);
        assertThat(number(got, "dequeueCount")).isEqualTo(1);

        assertOk(server.call("DeleteMessage", "queueName", "q", "receiptHandle", string(got, "receiptHandle")));
        assertError(server.call("ReceiveMessage", "queueName", "q"), 7000, "(10200)no message");
    }

    @Test
    void anUnackedMessageComesBackAfterTheVisibilityTimeout() {
        server.call("SendMessage", "queueName", "q", "msgBody", "x");
        JsonNode first = server.call("ReceiveMessage", "queueName", "q");
        long firstDequeue = number(first, "firstDequeueTime");
        server.clock.advanceSeconds(31);
        JsonNode second = server.call("ReceiveMessage", "queueName", "q");
        assertOk(second);
        assertThat(number(second, "dequeueCount")).isEqualTo(2);
        assertThat(number(second, "firstDequeueTime")).isEqualTo(firstDequeue);
        assertError(server.call("DeleteMessage", "queueName", "q", "receiptHandle", string(first, "receiptHandle")),
                4430, "(10260)receipt handle is invalid");
        assertOk(server.call("DeleteMessage", "queueName", "q", "receiptHandle", string(second, "receiptHandle")));
    }

    @Test
    void sendMessageErrors() {
        assertError(server.call("SendMessage", "queueName", "q"), 4000, "(10390)lacked of required parameter msgBody");
        assertError(server.call("SendMessage", "queueName", "q", "msgBody", ""), 4000, "(10120)message body can't be empty");
        assertError(server.call("SendMessage", "queueName", "nope", "msgBody", "x"), 4440, "(10100)");
        assertError(server.call("SendMessage", "queueName", "q", "msgBody", "x", "delaySeconds", "-1"), 4000, "(10350)");
        assertError(server.call("SendMessage", "queueName", "q", "msgBody", "x", "delaySeconds", "x"), 4000, "(10360)");
        assertOk(server.call("CreateQueue", "queueName", "small", "maxMsgSize", "1024"));
        assertOk(server.call("SendMessage", "queueName", "small", "msgBody", "é".repeat(512)));
        assertError(server.call("SendMessage", "queueName", "small", "msgBody", "é".repeat(512) + "x"), 4400,
                "(10230)exceed maximum message size");
    }

    @Test
    void delayedMessagesWaitForTheirDelay() {
        assertOk(server.call("SendMessage", "queueName", "q", "msgBody", "later", "delaySeconds", "10"));
        assertError(server.call("ReceiveMessage", "queueName", "q"), 7000, "(10200)no message");
        assertThat(number(server.call("GetQueueAttributes", "queueName", "q"), "delayMsgNum")).isEqualTo(1);
        server.clock.advanceSeconds(10);
        assertThat(string(server.call("ReceiveMessage", "queueName", "q"), "msgBody")).isEqualTo("later");
    }

    @Test
    void aFullQueueIs4410() {
        server.close();
        server = new CmqTestServer(BrokerOptions.defaults().withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)),
                CmqApiOptions.defaults());
        assertOk(server.call("CreateQueue", "queueName", "tiny", "maxMsgHeapNum", "2"));
        assertOk(server.call("BatchSendMessage", "queueName", "tiny", "msgBody.1", "a", "msgBody.2", "b"));
        assertError(server.call("SendMessage", "queueName", "tiny", "msgBody", "c"), 4410,
                "(10240)reach maximum retention number of message");
    }

    @Test
    void batchSendAnswersIdsInOrder() {
        JsonNode sent = server.call("BatchSendMessage", "queueName", "q", "msgBody.0", "m0", "msgBody.1", "m1", "msgBody.2", "m2");
        assertOk(sent);
        JsonNode list = sent.get("msgList");
        assertThat(list.size()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list) {
            ids.add(string(m, "msgId"));
        }
        JsonNode got = server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "16");
        assertOk(got);
        List<String> bodies = new ArrayList<>();
        List<String> gotIds = new ArrayList<>();
        for (JsonNode m : got.get("msgInfoList")) {
            bodies.add(string(m, "msgBody"));
            gotIds.add(string(m, "msgId"));
        }
        assertThat(bodies).containsExactly("m0", "m1", "m2");
        assertThat(gotIds).containsExactlyElementsOf(ids);
    }

    @Test
    void batchSendErrors() {
        List<String> params = new ArrayList<>(List.of("queueName", "q"));
        for (int i = 1; i <= 17; i++) {
            params.add("msgBody." + i);
            params.add("m" + i);
        }
        assertError(server.call("BatchSendMessage", params.toArray(new String[0])), 4000, "(10370)msgBody parameter batch size is out of range");
        assertError(server.call("BatchSendMessage", "queueName", "q", "msgBody.1", "a", "msgBody.3", "c"), 4000,
                "(10380)msgBody parameter is not consequent");
        assertError(server.call("BatchSendMessage", "queueName", "q"), 4000, "(10390)lacked of required parameter msgBody.n");
        assertError(server.call("BatchSendMessage", "queueName", "q", "msgBody.1", "a", "msgBody.2", ""), 4000, "(10120)");
    }

    @Test
    void batchReceiveReturnsWhatIsThereWithEveryField() {
        server.call("BatchSendMessage", "queueName", "q", "msgBody.1", "a", "msgBody.2", "b", "msgBody.3", "c");
        JsonNode got = server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "2");
        assertOk(got);
        assertThat(got.get("msgInfoList").size()).isEqualTo(2);
        for (JsonNode m : got.get("msgInfoList")) {
            string(m, "msgId");
            string(m, "receiptHandle");
            string(m, "msgBody");
            number(m, "enqueueTime");
            number(m, "nextVisibleTime");
            number(m, "firstDequeueTime");
            number(m, "dequeueCount");
        }
        assertThat(server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "16").get("msgInfoList").size()).isEqualTo(1);
        assertError(server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "16"), 7000, "(10200)no message");
    }

    @Test
    void batchReceiveErrors() {
        assertError(server.call("BatchReceiveMessage", "queueName", "q"), 4000, "(10390)lacked of required parameter numOfMsg");
        assertError(server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "0"), 4000, "(10350)parameter numOfMsg");
        assertError(server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "17"), 4000, "(10350)parameter numOfMsg");
        assertError(server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "1", "pollingWaitSeconds", "31"), 4000,
                "(10350)parameter pollingWaitSeconds");
    }

    @Test
    void aLongPollIsAnsweredByALaterSend() {
        CompletableFuture<byte[]> waiting = server.send("ReceiveMessage", "queueName", "q", "pollingWaitSeconds", "20");
        server.clock.advanceSeconds(3);
        assertThat(waiting).isNotDone();
        assertOk(server.call("SendMessage", "queueName", "q", "msgBody", "wake"));
        JsonNode got = await(waiting);
        assertOk(got);
        assertThat(string(got, "msgBody")).isEqualTo("wake");
    }

    @Test
    void aLongPollThatTimesOutIs7000() {
        CompletableFuture<byte[]> waiting = server.send("ReceiveMessage", "queueName", "q", "pollingWaitSeconds", "5");
        server.clock.advanceSeconds(4);
        assertThat(waiting).isNotDone();
        server.clock.advanceSeconds(1);
        assertError(await(waiting), 7000, "(10200)no message");
    }

    @Test
    void theQueuesPollingWaitAppliesWhenTheRequestHasNone() {
        assertOk(server.call("SetQueueAttributes", "queueName", "q", "pollingWaitSeconds", "5"));
        CompletableFuture<byte[]> waiting = server.send("BatchReceiveMessage", "queueName", "q", "numOfMsg", "4");
        assertThat(waiting).isNotDone();
        server.clock.advanceSeconds(5);
        assertError(await(waiting), 7000, "(10200)no message");
        assertError(server.call("ReceiveMessage", "queueName", "q", "pollingWaitSeconds", "0"), 7000, "(10200)no message");
    }

    @Test
    void batchDeleteAllOk() {
        server.call("BatchSendMessage", "queueName", "q", "msgBody.1", "a", "msgBody.2", "b");
        JsonNode got = server.call("BatchReceiveMessage", "queueName", "q", "numOfMsg", "2");
        JsonNode deleted = server.call("BatchDeleteMessage", "queueName", "q",
                "receiptHandle.1", string(got.get("msgInfoList").get(0), "receiptHandle"),
                "receiptHandle.2", string(got.get("msgInfoList").get(1), "receiptHandle"));
        assertOk(deleted);
        assertThat(deleted.has("errorList")).isFalse();
        assertThat(number(server.call("GetQueueAttributes", "queueName", "q"), "inactiveMsgNum")).isZero();
    }

    @Test
    void batchDeletePartialFailureIs6010WithAnErrorList() {
        server.call("SendMessage", "queueName", "q", "msgBody", "a");
        String good = string(server.call("ReceiveMessage", "queueName", "q"), "receiptHandle");
        JsonNode deleted = server.call("BatchDeleteMessage", "queueName", "q", "receiptHandle.1", good, "receiptHandle.2", "forged");
        assertError(deleted, 6010, "(10150)delete message partially failed");
        JsonNode errors = deleted.get("errorList");
        assertThat(errors.size()).isEqualTo(1);
        assertThat(number(errors.get(0), "code")).isEqualTo(4430);
        assertThat(string(errors.get(0), "message")).startsWith("(10260)receipt handle is invalid");
        assertThat(string(errors.get(0), "receiptHandle")).isEqualTo("forged");
    }

    @Test
    void batchDeleteTotalFailureIs6020WithAnErrorList() {
        JsonNode deleted = server.call("BatchDeleteMessage", "queueName", "q", "receiptHandle.0", "x", "receiptHandle.1", "y");
        assertError(deleted, 6020, "(10290)batch delete message failed");
        assertThat(deleted.get("errorList").findValuesAsText("receiptHandle")).containsExactly("x", "y");
    }

    @Test
    void batchDeleteErrors() {
        assertError(server.call("BatchDeleteMessage", "queueName", "q"), 4000, "(10390)lacked of required parameter receiptHandle.n");
        assertError(server.call("BatchDeleteMessage", "queueName", "q", "receiptHandle.2", "x"), 4000, "(10380)");
        assertError(server.call("BatchDeleteMessage", "queueName", "nope", "receiptHandle.1", "x"), 4440, "(10100)");
        assertError(server.call("DeleteMessage", "queueName", "q"), 4000, "(10390)lacked of required parameter receiptHandle");
    }

    @Test
    void getRequestsWorkForMessagesToo() {
        JsonNode sent = await(server.api.handle(server.requests.get().request("SendMessage", server.nowSeconds(),
                "queueName", "q", "msgBody", "via get ?&=")));
        assertOk(sent);
        assertThat(string(server.call("ReceiveMessage", "queueName", "q"), "msgBody")).isEqualTo("via get ?&=");
    }

    @Test
    void changeMessageVisibilityExtendsOrReleasesTheLock() {
        assertOk(server.call("SendMessage", "queueName", "q", "msgBody", "x"));
        JsonNode got = server.call("ReceiveMessage", "queueName", "q");
        String handle = string(got, "receiptHandle");
        assertOk(server.call("ChangeMessageVisibility", "queueName", "q", "receiptHandle", handle, "visibilityTimeout", "0"));
        JsonNode again = server.call("ReceiveMessage", "queueName", "q");
        assertOk(again);
        assertThat(number(again, "dequeueCount")).isEqualTo(2);
        assertError(server.call("ChangeMessageVisibility", "queueName", "q", "receiptHandle", handle, "visibilityTimeout", "5"),
                4430, "(10260)");
        assertError(server.call("ChangeMessageVisibility", "queueName", "q", "receiptHandle", string(again, "receiptHandle"),
                "visibilityTimeout", "43201"), 4000, "(10350)");
        assertError(server.call("ChangeMessageVisibility", "queueName", "q", "receiptHandle", string(again, "receiptHandle")),
                4000, "(10390)");
    }
}
