package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/** deadLetterPolicy on Create/Set/GetQueueAttributes, ListDeadLetterSourceQueues, UnbindDeadLetterQueue. */
class DeadLetterActionsTest {
    private final CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aPolicyIsSetShownListedAndUnbound() throws Exception {
        assertOk(server.call("CreateQueue", "queueName", "dlq"));
        String policy = "{\"deadLetterQueue\":\"dlq\",\"policy\":0,\"maxReceiveCount\":3}";
        JsonNode created = server.call("CreateQueue", "queueName", "src", "deadLetterPolicy", policy);
        assertOk(created);

        JsonNode attributes = server.call("GetQueueAttributes", "queueName", "src");
        JsonNode shown = new ObjectMapper().readTree(string(attributes, "deadLetterPolicy"));
        assertThat(shown.get("deadLetterQueue").textValue()).isEqualTo("dlq");
        assertThat(shown.get("policy").intValue()).isZero();
        assertThat(shown.get("maxReceiveCount").intValue()).isEqualTo(3);

        JsonNode sources = server.call("ListDeadLetterSourceQueues", "deadLetterQueueName", "dlq");
        assertOk(sources);
        assertThat(number(sources, "totalCount")).isEqualTo(1);
        assertThat(string(sources.get("queueList").get(0), "queueName")).isEqualTo("src");
        assertThat(string(sources.get("queueList").get(0), "queueId")).isEqualTo(string(created, "queueId"));

        JsonNode unbound = server.call("UnbindDeadLetterQueue", "queueName", "src");
        assertOk(unbound);
        assertThat(string(unbound, "queueId")).isEqualTo(string(created, "queueId"));
        assertThat(number(server.call("ListDeadLetterSourceQueues", "deadLetterQueueName", "dlq"), "totalCount")).isZero();
        assertThat(server.call("GetQueueAttributes", "queueName", "src").has("deadLetterPolicy")).isFalse();
    }

    @Test
    void setQueueAttributesTakesAndEchoesAPolicyWithNumericStrings() throws Exception {
        assertOk(server.call("CreateQueue", "queueName", "dlq"));
        assertOk(server.call("CreateQueue", "queueName", "src"));
        JsonNode set = server.call("SetQueueAttributes", "queueName", "src",
                "deadLetterPolicy", "{\"deadLetterQueue\":\"dlq\",\"policy\":\"1\",\"maxTimeToLive\":\"600\"}");
        assertOk(set);
        JsonNode echoed = new ObjectMapper().readTree(string(set, "deadLetterPolicy"));
        assertThat(echoed.get("policy").intValue()).isEqualTo(1);
        assertThat(echoed.get("maxTimeToLive").intValue()).isEqualTo(600);
    }

    @Test
    void malformedPoliciesAre4000() {
        assertOk(server.call("CreateQueue", "queueName", "dlq"));
        for (String bad : new String[]{"{", "[]", "\"dlq\"", "{}", "{\"deadLetterQueue\":\"dlq\"}",
                "{\"deadLetterQueue\":5,\"policy\":0}", "{\"deadLetterQueue\":\"dlq\",\"policy\":\"zero\"}",
                "{\"deadLetterQueue\":\"dlq\",\"policy\":0,\"maxReceiveCount\":1.5}",
                "{\"deadLetterQueue\":\"dlq\",\"policy\":0,\"maxReceiveCount\":3} trailing",
                "{\"deadLetterQueue\":\"dlq\",\"policy\":7}", ""}) {
            assertError(server.call("CreateQueue", "queueName", "src", "deadLetterPolicy", bad), 4000, "(10110)invalid deadLetterPolicy");
        }
        assertError(server.call("CreateQueue", "queueName", "src", "deadLetterPolicy",
                "{\"deadLetterQueue\":\"dlq\",\"policy\":0,\"maxReceiveCount\":0}"), 4000, "(10110)invalid deadLetterPolicy");
    }

    @Test
    void aMissingDeadLetterQueueIs10730() {
        assertError(server.call("CreateQueue", "queueName", "src", "deadLetterPolicy",
                "{\"deadLetterQueue\":\"ghost\",\"policy\":0,\"maxReceiveCount\":3}"), 4000, "(10730)deadLetter queue not exist");
    }

    @Test
    void listDeadLetterSourceQueuesPagingIsBounded() {
        assertOk(server.call("CreateQueue", "queueName", "dlq"));
        assertError(server.call("ListDeadLetterSourceQueues", "deadLetterQueueName", "dlq", "limit", "51"), 4000, "(10350)parameter limit");
        assertError(server.call("ListDeadLetterSourceQueues"), 4000, "(10390)lacked of required parameter deadLetterQueueName");
    }
}
