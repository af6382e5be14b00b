package io.opencmq.protocol.sqs.action.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.MessageMoveTask.Status;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.SqsHttpResponse;
import io.opencmq.protocol.sqs.StubQueueService;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask: parameters, answers in both protocols, errors. */
class MoveTaskActionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DLQ_ARN = "arn:aws:sqs:eu-west-1:000000000000:orders-dlq";

    private final StubQueueService stub = new StubQueueService();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final SqsApi api = new SqsApi(stub.service(), new Credentials("AKIDtest", "key"),
            SqsApiOptions.defaults().withVerifySignatures(false), clock);

    private SqsHttpResponse json(String action, String body) {
        return api.handle(new SqsHttpRequest("POST", "/", "", Map.of("host", "sqs.local", "x-amz-target", "AmazonSQS." + action),
                body.getBytes(StandardCharsets.UTF_8), "test")).join();
    }

    private String query(String form) {
        SqsHttpResponse r = api.handle(new SqsHttpRequest("POST", "/", "", Map.of("host", "sqs.local"),
                form.getBytes(StandardCharsets.UTF_8), "test")).join();
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(SqsHttpResponse response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static MessageMoveTask task(String handle, Status status, String destination, Integer rate, String failure) {
        return new MessageMoveTask(handle, "orders-dlq", destination, rate, status, 10, 4, 1_700_000_000_123L, failure);
    }

    @Test
    void startResolvesArnsToQueueNamesAndAnswersTheHandle() throws Exception {
        stub.on("startMessageMoveTask", a -> CompletableFuture.completedFuture(task("h-1", Status.RUNNING, null, null, null)));

        SqsHttpResponse started = json("StartMessageMoveTask", "{\"SourceArn\":\"" + DLQ_ARN + "\",\"DestinationArn\":\"\"}");
        assertThat(started.status()).isEqualTo(200);
        assertThat(tree(started).toString()).isEqualTo("{\"TaskHandle\":\"h-1\"}");
        assertThat(stub.calls("startMessageMoveTask").getFirst()).containsExactly("orders-dlq", null, null);

        String xml = query("Action=StartMessageMoveTask&SourceArn=" + DLQ_ARN
                + "&DestinationArn=arn:aws:sqs:us-east-1:123456789012:orders&MaxNumberOfMessagesPerSecond=500");
        assertThat(xml).contains("<StartMessageMoveTaskResult><TaskHandle>h-1</TaskHandle></StartMessageMoveTaskResult>");
        assertThat(stub.calls("startMessageMoveTask").get(1)).containsExactly("orders-dlq", "orders", 500);
    }

    @Test
    void startRefusesBadParametersBeforeTheCore() throws Exception {
        assertThat(tree(json("StartMessageMoveTask", "{}")).get("__type").asText()).isEqualTo("com.amazonaws.sqs#MissingParameter");
        assertThat(tree(json("StartMessageMoveTask", "{\"SourceArn\":\"orders-dlq\"}")).get("message").asText())
                .contains("SourceArn", "ARN");
        SqsHttpResponse tooFast = json("StartMessageMoveTask", "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxNumberOfMessagesPerSecond\":501}");
        assertThat(tree(tooFast).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
        assertThat(stub.calls("startMessageMoveTask")).isEmpty();
    }

    @Test
    void coreRefusalsBecomeTheErrorsSqsModelsForMoveTasks() throws Exception {
        stub.on("startMessageMoveTask", a -> CompletableFuture.failedFuture(new QueueException(ErrorReason.QUEUE_NOT_FOUND, "orders-dlq")));
        SqsHttpResponse missing = json("StartMessageMoveTask", "{\"SourceArn\":\"" + DLQ_ARN + "\"}");
        assertThat(tree(missing).get("__type").asText()).isEqualTo("com.amazonaws.sqs#ResourceNotFoundException");
        assertThat(missing.headers()).containsEntry("x-amzn-query-error", "ResourceNotFoundException;Sender");
        assertThat(tree(missing).get("message").asText()).isEqualTo("The queue orders-dlq does not exist.");
        // The engine's detail is a phrase naming the queue: it reads as one sentence, not wrapped in another.
        stub.on("startMessageMoveTask", a -> CompletableFuture.failedFuture(
                new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue orders-dlq does not exist")));
        assertThat(tree(json("StartMessageMoveTask", "{\"SourceArn\":\"" + DLQ_ARN + "\"}")).get("message").asText())
                .isEqualTo("Queue orders-dlq does not exist.");
        assertThat(MoveTaskParams.notFoundMessage(null)).isEqualTo("The specified queue does not exist.");

        stub.on("startMessageMoveTask", a -> {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED, "a task runs already");
        });
        SqsHttpResponse running = json("StartMessageMoveTask", "{\"SourceArn\":\"" + DLQ_ARN + "\"}");
        assertThat(tree(running).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
        assertThat(running.headers()).containsEntry("x-amzn-query-error", "InvalidParameterValue;Sender");

        stub.on("cancelMessageMoveTask", a -> {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_FOUND, "nope");
        });
        assertThat(query("Action=CancelMessageMoveTask&TaskHandle=nope")).contains("<Code>ResourceNotFoundException</Code>");
    }

    @Test
    void listDescribesEachTaskAsSqsDoes() throws Exception {
        stub.on("listMessageMoveTasks", a -> List.of(
                task("h-2", Status.RUNNING, "orders", 50, null),
                task("h-1", Status.FAILED, null, null, "message 7 has no source queue")));

        JsonNode results = tree(json("ListMessageMoveTasks", "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxResults\":10}")).get("Results");
        assertThat(stub.calls("listMessageMoveTasks").getFirst()).containsExactly("orders-dlq", 10);
        assertThat(results.get(0).toString()).isEqualTo("{\"TaskHandle\":\"h-2\",\"Status\":\"RUNNING\","
                + "\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\","
                + "\"DestinationArn\":\"arn:aws:sqs:us-east-1:000000000000:orders\",\"MaxNumberOfMessagesPerSecond\":50,"
                + "\"ApproximateNumberOfMessagesMoved\":4,\"ApproximateNumberOfMessagesToMove\":10,\"StartedTimestamp\":1700000000123}");
        // Only a running task shows its handle (it serves to cancel); only a failed one its reason.
        assertThat(results.get(1).has("TaskHandle")).isFalse();
        assertThat(results.get(1).has("DestinationArn")).isFalse();
        assertThat(results.get(1).get("FailureReason").asText()).isEqualTo("message 7 has no source queue");

        String xml = query("Action=ListMessageMoveTasks&SourceArn=" + DLQ_ARN);
        assertThat(stub.calls("listMessageMoveTasks").get(1)).containsExactly("orders-dlq", 1);
        assertThat(xml).contains("<ListMessageMoveTasksResult><ListMessageMoveTasksResultEntry><TaskHandle>h-2</TaskHandle>"
                + "<Status>RUNNING</Status>");
        assertThat(xml).contains("</ListMessageMoveTasksResultEntry><ListMessageMoveTasksResultEntry><Status>FAILED</Status>");

        SqsHttpResponse tooMany = json("ListMessageMoveTasks", "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxResults\":11}");
        assertThat(tree(tooMany).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
    }

    @Test
    void cancelAnswersHowManyWereMoved() throws Exception {
        stub.on("cancelMessageMoveTask", a -> task((String) a[0], Status.CANCELLING, null, null, null));
        assertThat(tree(json("CancelMessageMoveTask", "{\"TaskHandle\":\"h-9\"}")).toString())
                .isEqualTo("{\"ApproximateNumberOfMessagesMoved\":4}");
        assertThat(query("Action=CancelMessageMoveTask&TaskHandle=h-9"))
                .contains("<CancelMessageMoveTaskResult><ApproximateNumberOfMessagesMoved>4</ApproximateNumberOfMessagesMoved>");
    }
}
