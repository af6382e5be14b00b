package io.opencmq.bench.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FifoFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void groupsGoRoundRobinAndDeduplicationIdsNeverRepeat() throws Exception {
        FifoFields fields = new FifoFields(3);
        long first = fields.claim(7);
        List<String> groups = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            JsonNode entry = entry(fields, first + i);
            groups.add(entry.get("MessageGroupId").asText());
            ids.add(entry.get("MessageDeduplicationId").asText());
        }
        long offset = first % 3;
        assertThat(groups.get(0)).isEqualTo("g" + offset);
        for (int i = 0; i < 7; i++) {
            assertThat(groups.get(i)).isEqualTo("g" + (offset + i) % 3);
        }
        assertThat(ids).hasSize(7);
        // SQS's rule for both: 1-128 ASCII letters, digits and punctuation.
        assertThat(ids).allMatch(id -> id.length() <= 128 && id.matches("[\\x21-\\x7e]+"));
    }

    @Test
    void claimsOfDifferentConnectionsDoNotOverlap() {
        FifoFields a = new FifoFields(1);
        FifoFields b = new FifoFields(1);
        long fromA = a.claim(10);
        long fromB = b.claim(10);
        assertThat(Math.abs(fromB - fromA)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void oneGroupIsAlwaysTheSame() throws Exception {
        FifoFields fields = new FifoFields(1);
        long n = fields.claim(2);
        assertThat(entry(fields, n).get("MessageGroupId").asText()).isEqualTo("g0");
        assertThat(entry(fields, n + 1).get("MessageGroupId").asText()).isEqualTo("g0");
    }

    @Test
    void atLeastOneGroup() {
        assertThatThrownBy(() -> new FifoFields(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createQueueBodyAsksForAFifoQueue() throws Exception {
        JsonNode body = JSON.readTree(SqsAdmin.createFifoQueueBody("bench.fifo"));
        assertThat(body.get("QueueName").asText()).isEqualTo("bench.fifo");
        assertThat(body.get("Attributes").get("FifoQueue").asText()).isEqualTo("true");
    }

    private static JsonNode entry(FifoFields fields, long number) throws Exception {
        JsonBody json = new JsonBody().raw("{\"Id\":\"1\"".getBytes(StandardCharsets.US_ASCII));
        fields.append(json, number);
        json.raw("}".getBytes(StandardCharsets.US_ASCII));
        return JSON.readTree(json.toString());
    }
}
