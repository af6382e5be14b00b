package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ListQueues and ListDeadLetterSourceQueues pages: a NextToken without MaxResults continues with the default page. */
class ListPagingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "http://sqs.local/000000000000/";
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Broker broker = Broker.open(new MemoryMessageStore(), clock, clock, BrokerOptions.defaults());
    private final SqsApi api = new SqsApi(broker, new Credentials("AKIDtest", "key"),
            SqsApiOptions.defaults().withVerifySignatures(false), clock);

    @AfterEach
    void close() {
        broker.close();
    }

    private JsonNode json(String action, String body) throws Exception {
        return MAPPER.readTree(api.handle(new SqsHttpRequest("POST", "/", "", Map.of("host", "sqs.local", "x-amz-target",
                "AmazonSQS." + action), body.getBytes(StandardCharsets.UTF_8), "test")).join().body());
    }

    private static List<String> urls(JsonNode answer, String member) {
        List<String> out = new ArrayList<>();
        answer.path(member).forEach(u -> out.add(u.asText().substring(BASE.length())));
        return out;
    }

    @Test
    void listQueuesContinuesFromATokenWithoutMaxResults() throws Exception {
        for (String name : List.of("p-a", "p-b", "p-c", "p-d")) {
            json("CreateQueue", "{\"QueueName\":\"" + name + "\"}");
        }
        JsonNode first = json("ListQueues", "{\"QueueNamePrefix\":\"p-\",\"MaxResults\":1}");
        assertThat(urls(first, "QueueUrls")).containsExactly("p-a");
        String token = first.get("NextToken").asText();

        JsonNode rest = json("ListQueues", "{\"QueueNamePrefix\":\"p-\",\"NextToken\":\"" + token + "\"}");
        assertThat(urls(rest, "QueueUrls")).containsExactly("p-b", "p-c", "p-d");
        assertThat(rest.has("NextToken")).as("no token without MaxResults").isFalse();

        JsonNode bad = json("ListQueues", "{\"NextToken\":\"%%%\"}");
        assertThat(bad.get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
    }

    @Test
    void listDeadLetterSourceQueuesContinuesFromATokenWithoutMaxResults() throws Exception {
        json("CreateQueue", "{\"QueueName\":\"dlq\"}");
        String redrive = "{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:us-east-1:000000000000:dlq\\\",\\\"maxReceiveCount\\\":\\\"3\\\"}";
        for (String name : List.of("src-1", "src-2", "src-3")) {
            JsonNode created = json("CreateQueue", "{\"QueueName\":\"" + name + "\",\"Attributes\":{\"RedrivePolicy\":\"" + redrive + "\"}}");
            assertThat(created.has("QueueUrl")).as(created.toString()).isTrue();
        }
        JsonNode first = json("ListDeadLetterSourceQueues", "{\"QueueUrl\":\"" + BASE + "dlq\",\"MaxResults\":1}");
        assertThat(urls(first, "queueUrls")).hasSize(1);
        String token = first.get("NextToken").asText();

        JsonNode rest = json("ListDeadLetterSourceQueues", "{\"QueueUrl\":\"" + BASE + "dlq\",\"NextToken\":\"" + token + "\"}");
        assertThat(urls(rest, "queueUrls")).hasSize(2).doesNotContainAnyElementsOf(urls(first, "queueUrls"));
        assertThat(rest.has("NextToken")).isFalse();

        JsonNode bad = json("ListDeadLetterSourceQueues", "{\"QueueUrl\":\"" + BASE + "dlq\",\"NextToken\":\"x\"}");
        assertThat(bad.get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
    }
}
