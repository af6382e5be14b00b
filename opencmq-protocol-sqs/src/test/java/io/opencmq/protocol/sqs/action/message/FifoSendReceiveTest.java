package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.SqsHttpResponse;
import io.opencmq.protocol.sqs.StubQueueService;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** SendMessage(Batch) and ReceiveMessage on FIFO queues: what goes to the core and what comes back. */
class FifoSendReceiveTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String URL = "http://sqs.local/000000000000/jobs.fifo";

    private final StubQueueService stub = new StubQueueService();
    private final SqsApi api = new SqsApi(stub.service(), new Credentials("AKIDtest", "key"),
            SqsApiOptions.defaults().withVerifySignatures(false), new ManualClock(1_700_000_000_000L));

    private JsonNode json(String action, String body) throws Exception {
        SqsHttpResponse r = api.handle(new SqsHttpRequest("POST", "/", "", Map.of("host", "sqs.local", "x-amz-target", "AmazonSQS." + action),
                body.getBytes(StandardCharsets.UTF_8), "test")).join();
        return MAPPER.readTree(r.body());
    }

    private void fifoQueue(boolean contentBased) {
        stub.on("getQueueConfig", a -> new QueueConfig(100_000_000L, 0, 30, 65_536, 345_600, 0, null, 0,
                contentBased ? Map.of("sqs.ContentBasedDeduplication", "true") : Map.of(), FifoPolicy.PER_QUEUE));
    }

    @SuppressWarnings("unchecked")
    private List<OutgoingMessage> sent(int call) {
        return (List<OutgoingMessage>) stub.calls("sendMessages").get(call)[1];
    }

    @Test
    void sendAnswersTheSequenceNumberOfAFifoQueue() throws Exception {
        fifoQueue(false);
        stub.on("sendMessages", a -> CompletableFuture.completedFuture(List.of(new SentMessage("msg-1", 42))));
        JsonNode answer = json("SendMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":\"hi\",\"MessageGroupId\":\"g\","
                + "\"MessageDeduplicationId\":\"d\"}");
        assertThat(answer.get("MessageId").asText()).isEqualTo("msg-1");
        assertThat(answer.get("SequenceNumber").asText()).isEqualTo("00000000000000000042");
        assertThat(sent(0).getFirst().groupId()).isEqualTo("g");
        assertThat(sent(0).getFirst().dedupId()).isEqualTo("d");

        JsonNode refused = json("SendMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":\"hi\",\"MessageDeduplicationId\":\"d\"}");
        assertThat(refused.get("__type").asText()).isEqualTo("com.amazonaws.sqs#MissingParameter");
        assertThat(stub.calls("sendMessages")).hasSize(1);
    }

    @Test
    void batchEntriesBreakingFifoRulesFailAloneAndTheOthersGetSequenceNumbers() throws Exception {
        fifoQueue(true);
        stub.on("sendMessages", a -> {
            List<SentMessage> out = new ArrayList<>();
            for (int i = 0; i < ((List<?>) a[1]).size(); i++) {
                out.add(new SentMessage("m" + i, 7 + i));
            }
            return CompletableFuture.completedFuture(out);
        });
        JsonNode answer = json("SendMessageBatch", "{\"QueueUrl\":\"" + URL + "\",\"Entries\":["
                + "{\"Id\":\"a\",\"MessageBody\":\"one\",\"MessageGroupId\":\"g\"},"
                + "{\"Id\":\"b\",\"MessageBody\":\"two\"},"
                + "{\"Id\":\"c\",\"MessageBody\":\"three\",\"MessageGroupId\":\"g\",\"DelaySeconds\":3},"
                + "{\"Id\":\"d\",\"MessageBody\":\"four\",\"MessageGroupId\":\"g\"}]}");
        assertThat(answer.get("Successful")).hasSize(2);
        assertThat(answer.get("Successful").get(0).get("Id").asText()).isEqualTo("a");
        assertThat(answer.get("Successful").get(0).get("SequenceNumber").asText()).isEqualTo("00000000000000000007");
        assertThat(answer.get("Successful").get(1).get("Id").asText()).isEqualTo("d");
        assertThat(answer.get("Successful").get(1).get("SequenceNumber").asText()).isEqualTo("00000000000000000008");
        assertThat(answer.get("Failed").get(0).get("Id").asText()).isEqualTo("b");
        assertThat(answer.get("Failed").get(0).get("Code").asText()).isEqualTo("MissingParameter");
        assertThat(answer.get("Failed").get(1).get("Id").asText()).isEqualTo("c");
        assertThat(answer.get("Failed").get(1).get("Code").asText()).isEqualTo("InvalidParameterValue");
        // Content-based deduplication: the SHA-256 of each body.
        assertThat(sent(0)).extracting(OutgoingMessage::dedupId).allMatch(id -> id.matches("[0-9a-f]{64}"));
    }

    @Test
    void receiveShowsFifoAndDeadLetterAttributesAsAsked() throws Exception {
        ReceivedMessage m = new ReceivedMessage("msg-1", "hi".getBytes(StandardCharsets.UTF_8), "rh", 1_000L, 31_000L, 1_000L, 2,
                null, 42, "g", "d", "jobs-source.fifo");
        stub.on("receive", a -> CompletableFuture.completedFuture(List.of(m)));
        fifoQueue(false);

        JsonNode all = json("ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageSystemAttributeNames\":[\"All\"],"
                + "\"ReceiveRequestAttemptId\":\"try-1\"}").get("Messages").get(0).get("Attributes");
        assertThat(all.get("MessageGroupId").asText()).isEqualTo("g");
        assertThat(all.get("MessageDeduplicationId").asText()).isEqualTo("d");
        assertThat(all.get("SequenceNumber").asText()).isEqualTo("00000000000000000042");
        assertThat(all.get("DeadLetterQueueSourceArn").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:jobs-source.fifo");
        assertThat(all.get("ApproximateReceiveCount").asText()).isEqualTo("2");
        Object[] call = stub.calls("receive").getFirst();
        assertThat(call).containsExactly("jobs.fifo", 1, null, null, "try-1");

        JsonNode some = json("ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"AttributeNames\":[\"SequenceNumber\"]}")
                .get("Messages").get(0).get("Attributes");
        assertThat(some.toString()).isEqualTo("{\"SequenceNumber\":\"00000000000000000042\"}");
        assertThat(stub.calls("receive").get(1)[4]).isNull();

        JsonNode badAttempt = json("ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"ReceiveRequestAttemptId\":\"a b\"}");
        assertThat(badAttempt.get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
    }

    @Test
    void aStandardQueueIgnoresReceiveRequestAttemptIdEvenAMalformedOne() throws Exception {
        stub.on("receive", a -> CompletableFuture.completedFuture(List.of()));
        stub.on("getQueueConfig", a -> new QueueConfig(100_000_000L, 0, 30, 65_536, 345_600, 0, null));
        String standard = "http://sqs.local/000000000000/jobs";

        JsonNode bad = json("ReceiveMessage", "{\"QueueUrl\":\"" + standard + "\",\"ReceiveRequestAttemptId\":\"a b\"}");
        JsonNode good = json("ReceiveMessage", "{\"QueueUrl\":\"" + standard + "\",\"ReceiveRequestAttemptId\":\"try-1\"}");
        JsonNode empty = json("ReceiveMessage", "{\"QueueUrl\":\"" + standard + "\",\"ReceiveRequestAttemptId\":\"\"}");

        assertThat(bad.toString()).isEqualTo("{}");
        assertThat(good.toString()).isEqualTo("{}");
        assertThat(empty.toString()).isEqualTo("{}");
        assertThat(stub.calls("receive")).hasSize(3).allSatisfy(call -> assertThat(call[4]).as("attempt id passed on").isNull());

        // Still checked on a FIFO queue, the empty value too.
        fifoQueue(false);
        JsonNode fifoEmpty = json("ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"ReceiveRequestAttemptId\":\"\"}");
        assertThat(fifoEmpty.get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
    }

    @Test
    void aStaleReceiptHandleIsAnErrorOnFifoQueuesOnly() throws Exception {
        QueueException stale = new QueueException(ErrorReason.RECEIPT_HANDLE_STALE, "lock expired");
        stub.on("deleteMessage", a -> CompletableFuture.failedFuture(stale));
        stub.on("deleteMessages", a -> CompletableFuture.completedFuture(List.of(new DeleteOutcome("old", stale),
                new DeleteOutcome("new", null))));
        fifoQueue(false);
        JsonNode fifo = json("DeleteMessage", "{\"QueueUrl\":\"" + URL + "\",\"ReceiptHandle\":\"old\"}");
        assertThat(fifo.get("__type").asText()).isEqualTo("com.amazonaws.sqs#InvalidParameterValue");
        assertThat(fifo.get("message").asText()).isEqualTo("Value old for parameter ReceiptHandle is invalid. "
                + "Reason: The receipt handle has expired.");
        JsonNode fifoBatch = json("DeleteMessageBatch", "{\"QueueUrl\":\"" + URL + "\",\"Entries\":["
                + "{\"Id\":\"a\",\"ReceiptHandle\":\"old\"},{\"Id\":\"b\",\"ReceiptHandle\":\"new\"}]}");
        assertThat(fifoBatch.get("Failed").get(0).get("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(fifoBatch.get("Successful").get(0).get("Id").asText()).isEqualTo("b");

        stub.on("getQueueConfig", a -> new QueueConfig(100_000_000L, 0, 30, 65_536, 345_600, 0, null));
        assertThat(json("DeleteMessage", "{\"QueueUrl\":\"http://sqs.local/000000000000/jobs\",\"ReceiptHandle\":\"old\"}").toString())
                .isEqualTo("{}");
        JsonNode standardBatch = json("DeleteMessageBatch", "{\"QueueUrl\":\"http://sqs.local/000000000000/jobs\",\"Entries\":["
                + "{\"Id\":\"a\",\"ReceiptHandle\":\"old\"},{\"Id\":\"b\",\"ReceiptHandle\":\"new\"}]}");
        assertThat(standardBatch.get("Successful")).hasSize(2);
        assertThat(standardBatch.get("Failed")).isEmpty();
    }

    @Test
    void standardMessagesShowTheirGroupButNoFifoAttributes() throws Exception {
        ReceivedMessage m = new ReceivedMessage("msg-1", "hi".getBytes(StandardCharsets.UTF_8), "rh", 1_000L, 31_000L, 1_000L, 1,
                null, 5, "tenant-1", null, null);
        stub.on("receive", a -> CompletableFuture.completedFuture(List.of(m)));
        JsonNode all = json("ReceiveMessage", "{\"QueueUrl\":\"http://sqs.local/000000000000/jobs\",\"AttributeNames\":[\"All\"]}")
                .get("Messages").get(0).get("Attributes");
        assertThat(all.get("MessageGroupId").asText()).isEqualTo("tenant-1");
        assertThat(all.has("SequenceNumber")).isFalse();
        assertThat(all.has("MessageDeduplicationId")).isFalse();
        assertThat(all.has("DeadLetterQueueSourceArn")).isFalse();
    }
}
