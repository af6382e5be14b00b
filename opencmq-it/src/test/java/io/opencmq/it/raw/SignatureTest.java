package io.opencmq.it.raw;

import io.opencmq.it.support.CmqSigner;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication of requests as CMQ documents it: a request is accepted only with the right
 * SecretId, a valid HmacSHA1/HmacSHA256 signature over exactly what was sent, a Timestamp near
 * the server's clock, and only once. Every refusal is code 4100 and changes nothing.
 */
class SignatureTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void bothAlgorithmsAndBothMethodsAreAccepted() {
        RawQueue queue = RawQueue.create(raw, "sig-ok");

        for (CmqSigner.Algorithm algorithm : CmqSigner.Algorithm.values()) {
            Reply post = raw.send(raw.request("SendMessage").algorithm(algorithm)
                    .param("queueName", queue.name()).param("msgBody", "post " + algorithm).build());
            Reply get = raw.send(raw.request("SendMessage").algorithm(algorithm).get()
                    .param("queueName", queue.name()).param("msgBody", "get " + algorithm).build());
            assertThat(post.code()).as("POST %s: %s", algorithm, post).isZero();
            assertThat(get.code()).as("GET %s: %s", algorithm, get).isZero();
        }
        assertThat(queue.attributes().number("activeMsgNum")).isEqualTo(4);
    }

    @Test
    void nineteenDigitNonceAsInTheDocumentationIsAccepted() {
        Reply reply = raw.send(raw.request("ListQueue").nonce(2_889_712_707_386_595_659L).build());

        assertThat(reply.code()).as("%s", reply).isZero();
    }

    @Test
    void wrongKeyIsRefused() {
        RawQueue queue = RawQueue.create(raw, "sig-key");

        Reply reply = raw.send(raw.request("SendMessage").secretKey("guessed")
                .param("queueName", queue.name()).param("msgBody", "x").build());

        assertThat(reply.code()).isEqualTo(4100);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }

    @Test
    void unknownSecretIdIsRefused() {
        Reply reply = raw.send(raw.request("ListQueue").secretId("AKIDnobody").build());

        assertThat(reply.code()).isEqualTo(4100);
    }

    @Test
    void tamperedParameterIsRefused() {
        RawQueue queue = RawQueue.create(raw, "sig-tamper");
        RawCmqClient.SignedRequest signed = raw.request("SendMessage")
                .param("queueName", queue.name()).param("msgBody", "original").build();
        Map<String, String> tampered = new HashMap<>(signed.params());
        tampered.put("msgBody", "changed in flight");

        Reply reply = raw.send(new RawCmqClient.SignedRequest("POST", tampered));

        assertThat(reply.code()).isEqualTo(4100);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }

    @Test
    void signatureForAnotherMethodIsRefused() {
        RawQueue queue = RawQueue.create(raw, "sig-method");
        RawCmqClient.SignedRequest signedForGet = raw.request("SendMessage").get()
                .param("queueName", queue.name()).param("msgBody", "x").build();

        Reply reply = raw.send(new RawCmqClient.SignedRequest("POST", signedForGet.params()));

        assertThat(reply.code()).isEqualTo(4100);
    }

    @Test
    void missingSignatureIsRefused() {
        RawQueue queue = RawQueue.create(raw, "sig-missing");
        Map<String, String> unsigned = new HashMap<>(raw.request("SendMessage")
                .param("queueName", queue.name()).param("msgBody", "x").build().params());
        unsigned.remove("Signature");

        Reply reply = raw.send(new RawCmqClient.SignedRequest("POST", unsigned));

        assertThat(reply.code()).isIn(4000, 4100);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }

    @Test
    void staleOrFutureTimestampIsRefused() {
        RawQueue queue = RawQueue.create(raw, "sig-time");

        Reply stale = raw.send(raw.request("SendMessage").timestampSeconds(nowSeconds() - 3600)
                .param("queueName", queue.name()).param("msgBody", "old").build());
        Reply future = raw.send(raw.request("SendMessage").timestampSeconds(nowSeconds() + 3600)
                .param("queueName", queue.name()).param("msgBody", "new").build());

        assertThat(stale.code()).isEqualTo(4100);
        assertThat(future.code()).isEqualTo(4100);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }

    @Test
    void replayedRequestIsRefusedAndNotAppliedTwice() {
        RawQueue queue = RawQueue.create(raw, "sig-replay");
        RawCmqClient.SignedRequest once = raw.request("SendMessage")
                .param("queueName", queue.name()).param("msgBody", "only once").build();

        Reply first = raw.send(once);
        Reply replay = raw.send(once);

        assertThat(first.code()).isZero();
        assertThat(replay.code()).isEqualTo(4100);
        assertThat(queue.attributes().number("activeMsgNum")).isEqualTo(1);
    }

    @Test
    void sameContentWithFreshNonceIsNotAReplay() {
        RawQueue queue = RawQueue.create(raw, "sig-nonce");
        long now = nowSeconds();

        Reply first = raw.send(raw.request("SendMessage").timestampSeconds(now).nonce(1)
                .param("queueName", queue.name()).param("msgBody", "same").build());
        Reply second = raw.send(raw.request("SendMessage").timestampSeconds(now).nonce(2)
                .param("queueName", queue.name()).param("msgBody", "same").build());

        assertThat(first.code()).isZero();
        assertThat(second.code()).isZero();
        assertThat(queue.attributes().number("activeMsgNum")).isEqualTo(2);
    }
}
