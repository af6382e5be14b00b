package io.opencmq.it.raw;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact JSON of each queue action's answer: which fields exist, and which are JSON strings
 * and which numbers. The Java SDK's org.json refuses a number where it calls getString, so a
 * type slip breaks real clients even when the value is right. Times are Unix seconds.
 */
class ResponseShapeTest {

    static final List<String> ATTRIBUTE_NUMBERS = List.of(
            "maxMsgHeapNum", "pollingWaitSeconds", "visibilityTimeout", "maxMsgSize", "msgRetentionSeconds",
            "createTime", "lastModifyTime", "activeMsgNum", "inactiveMsgNum", "rewindSeconds",
            "rewindMsgNum", "rewindmsgNum", "minMsgTime", "delayMsgNum");

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    static void assertEnvelope(Reply reply) {
        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.number("code")).isZero();
        assertThat(reply.required("message").isTextual()).as("message is a string in %s", reply).isTrue();
        assertThat(reply.text("requestId")).isNotBlank();
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void createQueueAnswersWithAStringQueueId() {
        Reply reply = raw.call("CreateQueue", "queueName", QueueNames.unique("shape-create"));

        assertEnvelope(reply);
        assertThat(reply.text("queueId")).isNotBlank();
    }

    @Test
    void getQueueAttributesHasEveryFieldAsANumberAndBothRewindSpellings() {
        RawQueue queue = RawQueue.create(raw, "shape-attrs", "rewindSeconds", "60");
        queue.sendOk("counted");

        Reply reply = queue.attributes();

        assertEnvelope(reply);
        for (String field : ATTRIBUTE_NUMBERS) {
            reply.number(field);
        }
        assertThat(reply.number("rewindMsgNum")).isEqualTo(reply.number("rewindmsgNum"));
        assertThat(reply.number("createTime")).as("seconds, not millis").isBetween(nowSeconds() - 60, nowSeconds() + 5);
        assertThat(reply.number("minMsgTime")).as("seconds, not millis").isBetween(nowSeconds() - 60, nowSeconds() + 5);
        assertThat(reply.number("activeMsgNum")).isEqualTo(1);
    }

    @Test
    void listQueueHasANumericTotalAndStringEntries() {
        RawQueue queue = RawQueue.create(raw, "shape-list");

        Reply reply = raw.call("ListQueue", "searchWord", queue.name());

        assertEnvelope(reply);
        assertThat(reply.number("totalCount")).isEqualTo(1);
        List<JsonNode> list = reply.array("queueList");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("queueName").isTextual()).isTrue();
        assertThat(list.get(0).get("queueName").asText()).isEqualTo(queue.name());
        assertThat(list.get(0).get("queueId").isTextual()).isTrue();
    }

    @Test
    void sendAndBatchSendAnswerWithStringIds() {
        RawQueue queue = RawQueue.create(raw, "shape-send");

        Reply single = queue.send("one");
        Reply batch = queue.batchSend(List.of("a", "b"));

        assertEnvelope(single);
        assertThat(single.text("msgId")).isNotBlank();
        assertEnvelope(batch);
        assertThat(batch.array("msgList")).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.get("msgId").isTextual()).as("msgId string in %s", batch).isTrue());
    }

    @Test
    void receivedMessageHasStringsAndNumbersWhereTheSdkExpectsThem() {
        RawQueue queue = RawQueue.create(raw, "shape-receive");
        queue.sendOk("123");
        queue.sendOk("456");

        Reply single = queue.receive(0);
        Reply batch = queue.batchReceive(16, 0);

        assertEnvelope(single);
        assertThat(single.text("msgBody")).as("a numeric-looking body is still a string").isEqualTo("123");
        assertThat(single.text("msgId")).isNotBlank();
        assertThat(single.text("receiptHandle")).isNotBlank();
        assertThat(single.number("enqueueTime")).isBetween(nowSeconds() - 60, nowSeconds() + 5);
        assertThat(single.number("firstDequeueTime")).isBetween(nowSeconds() - 60, nowSeconds() + 5);
        assertThat(single.number("nextVisibleTime")).isBetween(nowSeconds(), nowSeconds() + 40);
        assertThat(single.number("dequeueCount")).isEqualTo(1);

        assertEnvelope(batch);
        List<JsonNode> infos = batch.array("msgInfoList");
        assertThat(infos).hasSize(1);
        JsonNode info = infos.get(0);
        for (String text : List.of("msgBody", "msgId", "receiptHandle")) {
            assertThat(info.get(text).isTextual()).as("%s string in %s", text, batch).isTrue();
        }
        for (String number : List.of("enqueueTime", "nextVisibleTime", "firstDequeueTime", "dequeueCount")) {
            assertThat(info.get(number).isNumber()).as("%s number in %s", number, batch).isTrue();
        }
        assertThat(info.get("msgBody").asText()).isEqualTo("456");
    }

    @Test
    void errorsCarryCodeMessageAndRequestId() {
        Reply reply = raw.call("GetQueueAttributes", "queueName", "absent-queue");

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.number("code")).isEqualTo(4440);
        assertThat(reply.text("message")).isNotBlank();
        assertThat(reply.text("requestId")).isNotBlank();
    }

    @Test
    void emptyReceiveIs7000WithTheDocumentedText() {
        RawQueue queue = RawQueue.create(raw, "shape-empty");

        Reply reply = queue.receive(0);

        assertThat(reply.number("code")).isEqualTo(7000);
        assertThat(reply.text("message")).contains("no message");
        assertThat(reply.text("requestId")).isNotBlank();
    }
}
