package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the server answers requests it cannot serve: unknown actions, missing or malformed
 * parameters, oversized bodies (and that it keeps serving afterwards), plus the lenient parts
 * of the wire format real clients rely on (case-insensitive action names, GET).
 */
class RequestValidationTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    @Test
    void unknownActionIs4000NamingTheAction() {
        Reply reply = raw.call("FlyToTheMoon", "queueName", "whatever");

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.message()).contains("FlyToTheMoon");
        assertThat(reply.text("requestId")).isNotBlank();
    }

    @Test
    void actionNamesAreMatchedIgnoringCase() {
        RawQueue queue = RawQueue.create(raw, "val-case");

        Reply lower = raw.call("sendmessage", "queueName", queue.name(), "msgBody", "lower");
        Reply upper = raw.call("SENDMESSAGE", "queueName", queue.name(), "msgBody", "upper");
        Reply mixed = raw.call("rEcEiVeMeSsAgE", "queueName", queue.name(), "pollingWaitSeconds", "0");

        assertThat(lower.assertOk().text("msgId")).isNotBlank();
        assertThat(upper.assertOk().text("msgId")).isNotBlank();
        assertThat(mixed.assertOk().text("msgBody")).isIn("lower", "upper");
    }

    @Test
    void missingRequiredParametersAre4000NamingTheParameter() {
        RawQueue queue = RawQueue.create(raw, "val-missing");

        Reply noQueue = raw.call("SendMessage", "msgBody", "x");
        Reply noBody = raw.call("SendMessage", "queueName", queue.name());
        Reply noHandle = raw.call("DeleteMessage", "queueName", queue.name());
        Reply noCount = raw.call("BatchReceiveMessage", "queueName", queue.name());
        Reply noStart = raw.call("RewindQueue", "queueName", queue.name());

        assertThat(noQueue.code()).isEqualTo(4000);
        assertThat(noQueue.message()).contains("queueName");
        assertThat(noBody.code()).isEqualTo(4000);
        assertThat(noBody.message()).contains("msgBody");
        assertThat(noHandle.code()).isEqualTo(4000);
        assertThat(noHandle.message()).contains("receiptHandle");
        assertThat(noCount.code()).isEqualTo(4000);
        assertThat(noCount.message()).contains("numOfMsg");
        assertThat(noStart.code()).isEqualTo(4000);
        assertThat(noStart.message()).contains("startConsumeTime");
    }

    @Test
    void malformedOrOutOfRangeParametersAre4000() {
        RawQueue queue = RawQueue.create(raw, "val-invalid");

        Reply notANumber = queue.call("SendMessage", "msgBody", "x", "delaySeconds", "soon");
        Reply negativeDelay = queue.call("SendMessage", "msgBody", "x", "delaySeconds", "-1");
        Reply emptyBody = queue.send("");
        Reply longWait = queue.receive(31);
        Reply tooMany = queue.batchReceive(17, 0);
        Reply zero = queue.batchReceive(0, 0);
        Reply gap = queue.call("BatchSendMessage", "msgBody.1", "a", "msgBody.3", "c");
        Reply badName = raw.call("CreateQueue", "queueName", "has space");
        Reply longName = raw.call("CreateQueue", "queueName", "q" + "x".repeat(64));

        assertThat(notANumber.code()).isEqualTo(4000);
        assertThat(notANumber.message()).contains("delaySeconds");
        assertThat(negativeDelay.code()).isEqualTo(4000);
        assertThat(emptyBody.code()).isEqualTo(4000);
        assertThat(longWait.code()).isEqualTo(4000);
        assertThat(longWait.message()).contains("pollingWaitSeconds");
        assertThat(tooMany.code()).isEqualTo(4000);
        assertThat(zero.code()).isEqualTo(4000);
        assertThat(gap.code()).isEqualTo(4000);
        assertThat(badName.code()).isEqualTo(4000);
        assertThat(longName.code()).isEqualTo(4000);
        assertThat(queue.attributes().number("activeMsgNum")).as("no refused request sent anything").isZero();
    }

    @Test
    void batchOfSeventeenIsRefusedWhole() {
        RawQueue queue = RawQueue.create(raw, "val-batch17");

        Reply reply = queue.batchSend(Arrays.stream(new String[17]).map(x -> "m").toList());

        assertThat(reply.code()).isEqualTo(4000);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }

    @Test
    void unknownQueueIs4440() {
        Reply reply = raw.call("SendMessage", "queueName", "no-such-queue-here", "msgBody", "x");

        assertThat(reply.code()).isEqualTo(4440);
    }

    @Test
    void tooLargeBodyIs4000AndTheServerKeepsServing() {
        RawQueue queue = RawQueue.create(raw, "val-huge");
        int limit = server.get().config().maxRequestBytes();
        byte[] body = new byte[limit + 64 * 1024];
        Arrays.fill(body, (byte) 'a');
        byte[] prefix = ("Action=SendMessage&queueName=" + queue.name() + "&msgBody=").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, body, 0, prefix.length);

        Reply refused = raw.postRaw(body);

        assertThat(refused.code()).isEqualTo(4000);
        assertThat(queue.sendOk("after the big one")).isNotBlank();
        assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("after the big one");
    }

    @Test
    void undecodableBodiesAre4000AndTheServerKeepsServing() {
        RawQueue queue = RawQueue.create(raw, "val-garbled");

        Reply badPercent = raw.postRaw(("Action=SendMessage&queueName=" + queue.name() + "&msgBody=%zz").getBytes(StandardCharsets.US_ASCII));
        Reply truncatedPercent = raw.postRaw(("Action=SendMessage&queueName=" + queue.name() + "&msgBody=%E4%B8").getBytes(StandardCharsets.US_ASCII));
        Reply notUtf8 = raw.postRaw(new byte[]{'A', '=', (byte) 0xC3, (byte) 0x28, '&', (byte) 0xFF});

        assertThat(badPercent.code()).isEqualTo(4000);
        assertThat(truncatedPercent.code()).isEqualTo(4000);
        assertThat(notUtf8.code()).isEqualTo(4000);
        assertThat(queue.sendOk("still fine")).isNotBlank();
    }

    @Test
    void oversizedQueryStringIsAnsweredAndTheServerKeepsServing() {
        RawQueue queue = RawQueue.create(raw, "val-longurl");

        Reply reply = raw.send(raw.request("SendMessage").get().param("queueName", queue.name())
                .param("msgBody", "q".repeat(64 * 1024)).build());

        assertThat(reply.code()).isIn(0, 4000);
        assertThat(queue.sendOk("still fine")).isNotBlank();
    }

    @Test
    void getWorksLikePost() {
        RawQueue queue = RawQueue.create(raw, "val-get");

        Reply sent = raw.send(raw.request("SendMessage").get().param("queueName", queue.name())
                .param("msgBody", "via GET & friends").build());
        Reply received = raw.send(raw.request("ReceiveMessage").get().param("queueName", queue.name()).build());

        assertThat(sent.assertOk().text("msgId")).isNotBlank();
        assertThat(received.assertOk().text("msgBody")).isEqualTo("via GET & friends");
    }

    @Test
    void methodsOtherThanGetAndPostAre4000() {
        Reply reply = raw.sendWithMethod("PUT", raw.request("ListQueue").build());

        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.message()).contains("PUT");
    }

    @Test
    void queueNamesAreMatchedIgnoringCase() {
        RawQueue queue = RawQueue.create(raw, "val-CaseName");

        Reply sent = raw.call("SendMessage", "queueName", queue.name().toLowerCase(), "msgBody", "any case");
        Reply received = raw.call("ReceiveMessage", "queueName", queue.name().toUpperCase(), "pollingWaitSeconds", "0");

        assertThat(sent.code()).isZero();
        assertThat(received.assertOk().text("msgBody")).isEqualTo("any case");
    }

    @Test
    void documentedOptionalCommonParametersAreAccepted() {
        RawQueue queue = RawQueue.create(raw, "val-extra");

        Reply reply = queue.call("SendMessage", "msgBody", "x", "Region", "gz", "clientRequestId", "123");

        assertThat(reply.code()).isZero();
    }
}
