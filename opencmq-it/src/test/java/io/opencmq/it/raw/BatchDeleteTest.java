package io.opencmq.it.raw;

import com.fasterxml.jackson.databind.JsonNode;
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
 * BatchDeleteMessage deletes each handle on its own: when some fail the answer is 6010 with an
 * errorList naming exactly the failed handles, and the good ones are deleted all the same;
 * when all fail, 6020.
 */
class BatchDeleteTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    @Test
    void partialFailureIs6010WithTheFailedHandlesListed() {
        RawQueue queue = RawQueue.create(raw, "bdel-partial", "visibilityTimeout", "600");
        queue.batchSend(List.of("a", "b")).assertOk();
        List<String> handles = queue.batchReceive(16, 0).assertOk().array("msgInfoList").stream()
                .map(n -> n.get("receiptHandle").asText()).toList();
        assertThat(handles).hasSize(2);

        Reply reply = queue.batchDelete(List.of(handles.get(0), "forged-handle", handles.get(1)));

        assertThat(reply.code()).as("%s", reply).isEqualTo(6010);
        List<JsonNode> errors = reply.array("errorList");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("receiptHandle").asText()).isEqualTo("forged-handle");
        assertThat(errors.get(0).get("code").isNumber()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(4430);
        assertThat(errors.get(0).get("message").isTextual()).isTrue();
        Reply attrs = queue.attributes();
        assertThat(attrs.number("activeMsgNum") + attrs.number("inactiveMsgNum")).as("the two good handles deleted").isZero();
    }

    @Test
    void allFailedIs6020() {
        RawQueue queue = RawQueue.create(raw, "bdel-all");

        Reply reply = queue.batchDelete(List.of("x1", "x2"));

        assertThat(reply.code()).isEqualTo(6020);
        assertThat(reply.array("errorList")).extracting(n -> n.get("receiptHandle").asText()).containsExactly("x1", "x2");
    }

    @Test
    void aHandleAlreadyUsedFailsTheSecondTime() {
        RawQueue queue = RawQueue.create(raw, "bdel-twice", "visibilityTimeout", "600");
        queue.batchSend(List.of("a", "b")).assertOk();
        List<String> handles = queue.batchReceive(16, 0).assertOk().array("msgInfoList").stream()
                .map(n -> n.get("receiptHandle").asText()).toList();
        queue.delete(handles.get(0)).assertOk();

        Reply reply = queue.batchDelete(handles);

        assertThat(reply.code()).isEqualTo(6010);
        assertThat(reply.array("errorList")).extracting(n -> n.get("receiptHandle").asText()).containsExactly(handles.get(0));
    }
}
