package io.opencmq.protocol.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front end to end over the real engine and the in-memory store, signatures off: protocol
 * detection, dispatch, and the answers of both protocols for the same actions.
 */
class SqsApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Broker broker = Broker.open(new MemoryMessageStore(), clock, clock, BrokerOptions.defaults());
    private final SqsApi api = new SqsApi(broker, new Credentials("AKIDtest", "key"),
            SqsApiOptions.defaults().withVerifySignatures(false), clock);

    @AfterEach
    void close() {
        broker.close();
    }

    private SqsHttpResponse json(String action, String body) {
        return api.handle(new SqsHttpRequest("POST", "/", "", Map.of("host", "sqs.local:8731", "x-amz-target", "AmazonSQS." + action),
                body.getBytes(StandardCharsets.UTF_8), "test")).join();
    }

    private SqsHttpResponse query(String method, String path, String rawQuery, String body) {
        return api.handle(new SqsHttpRequest(method, path, rawQuery, Map.of("host", "sqs.local:8731"),
                body.getBytes(StandardCharsets.UTF_8), "test")).join();
    }

    private static JsonNode tree(SqsHttpResponse response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static String text(SqsHttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonAndQueryReachTheSameQueues() throws Exception {
        SqsHttpResponse created = json("CreateQueue", "{\"QueueName\":\"orders\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.headers()).containsKey("x-amzn-RequestId");
        assertThat(tree(created).get("QueueUrl").asText()).isEqualTo("http://sqs.local:8731/000000000000/orders");

        SqsHttpResponse sent = query("POST", "/000000000000/orders", "", "Action=SendMessage&MessageBody=hi");
        assertThat(text(sent)).contains("<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>");

        JsonNode received = tree(json("ReceiveMessage", "{\"QueueUrl\":\"http://elsewhere/123456789012/orders\"}"));
        assertThat(received.get("Messages").get(0).get("Body").asText()).isEqualTo("hi");
        assertThat(received.get("Messages").get(0).get("MD5OfBody").asText()).isEqualTo("49f68a5c8493ec2c0bf489821c21fc3b");

        SqsHttpResponse listed = query("GET", "/", "Action=ListQueues", "");
        assertThat(listed.contentType()).isEqualTo("text/xml");
        assertThat(text(listed)).contains("<QueueUrl>http://sqs.local:8731/000000000000/orders</QueueUrl>");
    }

    @Test
    void refusalsInEachProtocol() throws Exception {
        SqsHttpResponse unknown = json("Fly", "{}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(tree(unknown).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidAction");

        SqsHttpResponse notJson = json("ListQueues", "[1,2]");
        assertThat(tree(notJson).get("__type").asText()).isEqualTo("com.amazonaws.sqs#SerializationException");

        SqsHttpResponse missingQueue = json("GetQueueUrl", "{\"QueueName\":\"nope\"}");
        assertThat(missingQueue.headers()).containsEntry("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender");

        SqsHttpResponse badUrl = json("PurgeQueue", "{\"QueueUrl\":\"http://host/only-one-segment\"}");
        assertThat(tree(badUrl).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidAddress");

        SqsHttpResponse noAction = query("POST", "/", "", "Version=2012-11-05");
        assertThat(text(noAction)).contains("<Code>MissingAction</Code>");

        SqsHttpResponse unsupported = query("POST", "/", "", "Action=AddPermission");
        assertThat(text(unsupported)).contains("<Code>AWS.SimpleQueueService.UnsupportedOperation</Code>", "queue permissions");
    }

    @Test
    void queryRequestsAreRecognizedByPathAndAction() {
        byte[] form = "Version=1&Action=ListQueues".getBytes(StandardCharsets.UTF_8);
        assertThat(SqsApi.isQueryRequest("POST", "/", "", form)).isTrue();
        assertThat(SqsApi.isQueryRequest("POST", "/000000000000/q", "", form)).isTrue();
        assertThat(SqsApi.isQueryRequest("GET", "/", "Action=ListQueues", new byte[0])).isTrue();
        assertThat(SqsApi.isQueryRequest("POST", "/", "", "XAction=ListQueues".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SqsApi.isQueryRequest("POST", "/a/b/c", "", form)).isFalse();
        assertThat(SqsApi.isQueryRequest("PUT", "/", "", form)).isFalse();
        assertThat(SqsApi.isJsonRequest("AmazonSQS.SendMessage")).isTrue();
        assertThat(SqsApi.isJsonRequest("DynamoDB_20120810.GetItem")).isFalse();
    }

    private static SqsHttpRequest request(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        return new SqsHttpRequest(method, path, rawQuery, headers, body.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void signedRequestsWithoutAnActionAndAwsJsonForOtherTargetsAreSqsOnes() {
        Map<String, String> signed = Map.of("authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sqs/aws4_request, "
                + "SignedHeaders=host, Signature=00");
        Map<String, String> amzJson = Map.of("x-amz-target", "DynamoDB_20120810.GetItem", "content-type", "application/x-amz-json-1.0");

        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", signed, "Version=2012-11-05"))).isTrue();
        assertThat(SqsApi.isSqsRequest(request("POST", "/000000000000/orders", "", signed, ""))).isTrue();
        assertThat(SqsApi.isSqsRequest(request("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00", Map.of(), "")))
                .as("presigned").isTrue();
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", amzJson, "{}"))).isTrue();
        assertThat(SqsApi.isSqsRequest(request("POST", "/some/other/path", "", withAll(amzJson, signed), "{}"))).isTrue();

        // Unsigned requests without an Action, signed ones elsewhere or with other methods: not SQS.
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", Map.of(), "Version=2012-11-05"))).isFalse();
        assertThat(SqsApi.isSqsRequest(request("GET", "/000000000000/orders", "", Map.of(), ""))).isFalse();
        assertThat(SqsApi.isSqsRequest(request("POST", "/a/b/c", "", signed, ""))).isFalse();
        assertThat(SqsApi.isSqsRequest(request("PUT", "/", "", signed, ""))).isFalse();
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", Map.of("authorization", "Basic dXNlcjpwdw=="), ""))).isFalse();
        assertThat(SqsApi.isSqsRequest(request("POST", "/some/other/path", "", amzJson, "{}"))).as("unsigned, elsewhere").isFalse();
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", Map.of("x-amz-target", "Foo.Bar", "content-type", "application/json"),
                "{}"))).as("not AWS JSON").isFalse();
        // The recognized forms still are.
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", Map.of("x-amz-target", "AmazonSQS.ListQueues"), "{}"))).isTrue();
        assertThat(SqsApi.isSqsRequest(request("POST", "/", "", Map.of(), "Action=ListQueues"))).isTrue();
    }

    private static Map<String, String> withAll(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    @Test
    void anAwsJsonRequestForAnotherTargetIsUnknownOperationInJson() throws Exception {
        SqsHttpResponse other = api.handle(request("POST", "/", "", Map.of("host", "sqs.local",
                "x-amz-target", "DynamoDB_20120810.GetItem", "content-type", "application/x-amz-json-1.0"), "{}")).join();

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(tree(other).get("__type").asText()).isEqualTo("com.amazonaws.sqs#UnknownOperationException");
        assertThat(tree(other).get("message").asText()).contains("DynamoDB_20120810.GetItem");
        assertThat(other.headers()).containsEntry("x-amzn-query-error", "UnknownOperationException;Sender");

        // A query request naming no action, to a queue URL path: MissingAction in XML.
        SqsHttpResponse noAction = query("POST", "/000000000000/orders", "", "MessageBody=hi");
        assertThat(noAction.status()).isEqualTo(400);
        assertThat(text(noAction)).contains("<Code>MissingAction</Code>");
    }
}
