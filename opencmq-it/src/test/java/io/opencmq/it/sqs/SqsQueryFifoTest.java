package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FIFO messages and message move tasks over the query protocol (signed form POSTs, XML
 * answers): sequence numbers in SendMessage and SendMessageBatch results, duplicates answering
 * the first copy, the FIFO system attributes and ReceiveRequestAttemptId on ReceiveMessage,
 * and the XML of StartMessageMoveTask, ListMessageMoveTasks (flattened
 * ListMessageMoveTasksResultEntry elements) and CancelMessageMoveTask, errors included.
 */
class SqsQueryFifoTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SignedQueryClient query;

    @BeforeAll
    static void openClients() {
        query = new SignedQueryClient(server.get().endpoint(), TestServer.CREDENTIALS);
    }

    private static SignedQueryClient.Answer ok(SignedQueryClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    /** Creates a queue; answers its path ("/000000000000/name"). */
    private static String create(String name, String... attributes) {
        List<Map.Entry<String, String>> params = new ArrayList<>(List.of(entry("Action", "CreateQueue"), entry("QueueName", name)));
        for (int i = 0; i < attributes.length; i += 2) {
            params.add(entry("Attribute." + (i / 2 + 1) + ".Name", attributes[i]));
            params.add(entry("Attribute." + (i / 2 + 1) + ".Value", attributes[i + 1]));
        }
        String url = ok(query.post("/", params)).text("/CreateQueueResponse/CreateQueueResult/QueueUrl");
        return url.substring(server.get().endpoint().length());
    }

    private static String arn(String path) {
        return ok(query.post(path, List.of(entry("Action", "GetQueueAttributes"), entry("AttributeName.1", "QueueArn"))))
                .text("//Attribute[Name='QueueArn']/Value");
    }

    private static String visible(String path) {
        return ok(query.post(path, List.of(entry("Action", "GetQueueAttributes"), entry("AttributeName.1", "ApproximateNumberOfMessages"))))
                .text("//Attribute[Name='ApproximateNumberOfMessages']/Value");
    }

    private static SignedQueryClient.Answer send(String path, String body, String group, String dedup) {
        return query.post(path, List.of(entry("Action", "SendMessage"), entry("MessageBody", body),
                entry("MessageGroupId", group), entry("MessageDeduplicationId", dedup)));
    }

    @Test
    void fifoSendBatchAndReceiveInXml() {
        String path = create(QueueNames.unique("qfifo") + ".fifo", "FifoQueue", "true");
        assertThat(ok(query.post(path, List.of(entry("Action", "GetQueueAttributes"), entry("AttributeName.1", "All"))))
                .text("//Attribute[Name='FifoQueue']/Value")).isEqualTo("true");

        SignedQueryClient.Answer first = ok(send(path, "one", "G", "d1"));
        String r = "/SendMessageResponse/SendMessageResult";
        String firstId = first.text(r + "/MessageId");
        String firstSeq = first.text(r + "/SequenceNumber");
        assertThat(firstSeq).matches("[0-9]+");
        SignedQueryClient.Answer duplicate = ok(send(path, "one again", "G", "d1"));
        assertThat(duplicate.text(r + "/MessageId")).isEqualTo(firstId);
        assertThat(duplicate.text(r + "/SequenceNumber")).isEqualTo(firstSeq);

        SignedQueryClient.Answer batch = ok(query.post(path, List.of(entry("Action", "SendMessageBatch"),
                entry("SendMessageBatchRequestEntry.1.Id", "two"), entry("SendMessageBatchRequestEntry.1.MessageBody", "two"),
                entry("SendMessageBatchRequestEntry.1.MessageGroupId", "G"),
                entry("SendMessageBatchRequestEntry.1.MessageDeduplicationId", "d2"),
                entry("SendMessageBatchRequestEntry.2.Id", "three"), entry("SendMessageBatchRequestEntry.2.MessageBody", "three"),
                entry("SendMessageBatchRequestEntry.2.MessageGroupId", "G"),
                entry("SendMessageBatchRequestEntry.2.MessageDeduplicationId", "d3"))));
        String twoSeq = batch.text("//SendMessageBatchResultEntry[Id='two']/SequenceNumber");
        String threeSeq = batch.text("//SendMessageBatchResultEntry[Id='three']/SequenceNumber");
        assertThat(new java.math.BigInteger(twoSeq)).isGreaterThan(new java.math.BigInteger(firstSeq));
        assertThat(new java.math.BigInteger(threeSeq)).isGreaterThan(new java.math.BigInteger(twoSeq));

        List<Map.Entry<String, String>> receive = List.of(entry("Action", "ReceiveMessage"), entry("MaxNumberOfMessages", "10"),
                entry("AttributeName.1", "All"), entry("VisibilityTimeout", "60"), entry("ReceiveRequestAttemptId", "try-1"));
        SignedQueryClient.Answer got = ok(query.post(path, receive));
        String m = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
        assertThat(got.count(m)).isEqualTo(3);
        assertThat(got.text(m + "[1]/Body")).isEqualTo("one");
        assertThat(got.text(m + "[2]/Body")).isEqualTo("two");
        assertThat(got.text(m + "[3]/Body")).isEqualTo("three");
        assertThat(got.text(m + "[1]/Attribute[Name='MessageGroupId']/Value")).isEqualTo("G");
        assertThat(got.text(m + "[1]/Attribute[Name='MessageDeduplicationId']/Value")).isEqualTo("d1");
        assertThat(got.text(m + "[1]/Attribute[Name='SequenceNumber']/Value")).isEqualTo(firstSeq);
        assertThat(got.text(m + "[3]/Attribute[Name='SequenceNumber']/Value")).isEqualTo(threeSeq);

        SignedQueryClient.Answer retried = ok(query.post(path, receive));
        assertThat(retried.count(m)).as("same attempt id, same messages").isEqualTo(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(retried.text(m + "[" + i + "]/ReceiptHandle")).isEqualTo(got.text(m + "[" + i + "]/ReceiptHandle"));
        }

        SignedQueryClient.Answer noGroup = query.post(path, List.of(entry("Action", "SendMessage"), entry("MessageBody", "x"),
                entry("MessageDeduplicationId", "d9")));
        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(noGroup.text("/ErrorResponse/Error/Code")).isEqualTo("MissingParameter");
        SignedQueryClient.Answer delayed = query.post(path, List.of(entry("Action", "SendMessage"), entry("MessageBody", "x"),
                entry("MessageGroupId", "G"), entry("MessageDeduplicationId", "d9"), entry("DelaySeconds", "3")));
        assertThat(delayed.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidParameterValue");
    }

    @Test
    void messageMoveTasksInXml() {
        String prefix = QueueNames.unique("qmove");
        String dlq = create(prefix + "-dlq");
        String dlqArn = arn(dlq);
        String source = create(prefix + "-src", "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}");
        String target = create(prefix + "-target");
        String targetArn = arn(target);
        assertThat(dlqArn).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:" + prefix + "-dlq");

        // Two dead letters by redrive, then a task that returns them to the source.
        ok(query.post(source, List.of(entry("Action", "SendMessage"), entry("MessageBody", "dead-1"))));
        ok(query.post(source, List.of(entry("Action", "SendMessage"), entry("MessageBody", "dead-2"))));
        await("both messages in the dead-letter queue").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            query.post(source, List.of(entry("Action", "ReceiveMessage"), entry("MaxNumberOfMessages", "10"), entry("VisibilityTimeout", "0")));
            return "2".equals(visible(dlq));
        });
        SignedQueryClient.Answer dead = ok(query.post(dlq, List.of(entry("Action", "ReceiveMessage"), entry("MaxNumberOfMessages", "10"),
                entry("VisibilityTimeout", "0"), entry("AttributeName.1", "DeadLetterQueueSourceArn"))));
        assertThat(dead.text("/ReceiveMessageResponse/ReceiveMessageResult/Message[1]/Attribute[Name='DeadLetterQueueSourceArn']/Value"))
                .isEqualTo(arn(source));

        SignedQueryClient.Answer started = ok(query.post("/", List.of(entry("Action", "StartMessageMoveTask"), entry("SourceArn", dlqArn))));
        assertThat(started.text("/StartMessageMoveTaskResponse/StartMessageMoveTaskResult/TaskHandle")).isNotBlank();
        String e = "/ListMessageMoveTasksResponse/ListMessageMoveTasksResult/ListMessageMoveTasksResultEntry";
        List<Map.Entry<String, String>> listParams = List.of(entry("Action", "ListMessageMoveTasks"), entry("SourceArn", dlqArn),
                entry("MaxResults", "10"));
        await("the task to complete").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "COMPLETED".equals(ok(query.post("/", listParams)).text(e + "[1]/Status")));
        SignedQueryClient.Answer completed = ok(query.post("/", listParams));
        assertThat(completed.count(e)).isEqualTo(1);
        assertThat(completed.text(e + "/ApproximateNumberOfMessagesMoved")).isEqualTo("2");
        assertThat(completed.text(e + "/ApproximateNumberOfMessagesToMove")).isEqualTo("2");
        assertThat(completed.text(e + "/SourceArn")).isEqualTo(dlqArn);
        assertThat(completed.text(e + "/StartedTimestamp")).matches("[0-9]{13}");
        assertThat(completed.count(e + "/TaskHandle")).as("only RUNNING tasks show a handle").isZero();
        assertThat(visible(source)).isEqualTo("2");

        // A throttled task to another queue, cancelled while it runs.
        for (int i = 0; i < 20; i++) {
            ok(query.post(dlq, List.of(entry("Action", "SendMessage"), entry("MessageBody", "slow-" + i))));
        }
        String handle = ok(query.post("/", List.of(entry("Action", "StartMessageMoveTask"), entry("SourceArn", dlqArn),
                entry("DestinationArn", targetArn), entry("MaxNumberOfMessagesPerSecond", "1"))))
                .text("/StartMessageMoveTaskResponse/StartMessageMoveTaskResult/TaskHandle");
        SignedQueryClient.Answer running = ok(query.post("/", listParams));
        assertThat(running.count(e)).isEqualTo(2);
        assertThat(running.text(e + "[1]/Status")).isEqualTo("RUNNING");
        assertThat(running.text(e + "[1]/TaskHandle")).isEqualTo(handle);
        assertThat(running.text(e + "[1]/DestinationArn")).isEqualTo(targetArn);
        assertThat(running.text(e + "[1]/MaxNumberOfMessagesPerSecond")).isEqualTo("1");
        assertThat(running.text(e + "[2]/Status")).isEqualTo("COMPLETED");

        SignedQueryClient.Answer cancelled = ok(query.post("/", List.of(entry("Action", "CancelMessageMoveTask"), entry("TaskHandle", handle))));
        assertThat(cancelled.text("/CancelMessageMoveTaskResponse/CancelMessageMoveTaskResult/ApproximateNumberOfMessagesMoved")).matches("[0-9]+");
        await("the task to be cancelled").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "CANCELLED".equals(ok(query.post("/", listParams)).text(e + "[1]/Status")));

        SignedQueryClient.Answer unknown = query.post("/", List.of(entry("Action", "CancelMessageMoveTask"), entry("TaskHandle", "nonsense")));
        assertThat(unknown.xml().getDocumentElement().getNodeName()).isEqualTo("ErrorResponse");
        assertThat(unknown.text("/ErrorResponse/Error/Code")).isIn("ResourceNotFoundException", "InvalidParameterValue");

        // AWS: InvalidParameterValue "Source queue must be configured as a Dead Letter Queue."
        SignedQueryClient.Answer notDlq = query.post("/", List.of(entry("Action", "StartMessageMoveTask"), entry("SourceArn", arn(source))));
        assertThat(notDlq.status()).isEqualTo(400);
        assertThat(notDlq.text("/ErrorResponse/Error/Type")).isEqualTo("Sender");
        assertThat(notDlq.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidParameterValue");
    }
}
