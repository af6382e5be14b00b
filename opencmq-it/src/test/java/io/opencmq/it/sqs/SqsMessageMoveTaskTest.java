package io.opencmq.it.sqs;

import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Dead-letter queue redrive (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask)
 * through the AWS SDK for Java v2, judged against Amazon's API reference: dead letters carry
 * DeadLetterQueueSourceArn; a task without DestinationArn returns each message to its source
 * queue, one with DestinationArn moves everything there; MaxNumberOfMessagesPerSecond throttles
 * and a running task can be cancelled; list entries show status and counts, newest first, with
 * a TaskHandle only while RUNNING; and the errors AWS answers for bad requests.
 */
class SqsMessageMoveTaskTest {

    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
    }

    /** A dead-letter queue and a source queue (maxReceiveCount 1) that uses it. */
    private record Pair(String source, String sourceArn, String dlq, String dlqArn) {
        static Pair create(String prefix) {
            String dlq = SqsTestQueues.standard(sqs, prefix + "-dlq", Map.of());
            String dlqArn = SqsTestQueues.arn(sqs, dlq);
            String source = SqsTestQueues.standard(sqs, prefix + "-src", Map.of("RedrivePolicy", SqsTestQueues.redrivePolicy(dlqArn, 1)));
            return new Pair(source, SqsTestQueues.arn(sqs, source), dlq, dlqArn);
        }
    }

    private static List<ListMessageMoveTasksResultEntry> list(String sourceArn, Integer max) {
        return sqs.listMessageMoveTasks(r -> r.sourceArn(sourceArn).maxResults(max)).results();
    }

    private static ListMessageMoveTasksResultEntry awaitStatus(String sourceArn, String status) {
        List<ListMessageMoveTasksResultEntry> latest = new ArrayList<>();
        await("newest move task of " + sourceArn + " to be " + status).atMost(TASK_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    latest.clear();
                    latest.addAll(list(sourceArn, null));
                    return !latest.isEmpty() && status.equals(latest.getFirst().status());
                });
        return latest.getFirst();
    }

    /** Receives and deletes until {@code expected} messages were seen (or time runs out); answers body -> times seen. */
    private static Map<String, Integer> drain(String queue, int expected) {
        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (seen.values().stream().mapToInt(Integer::intValue).sum() < expected && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(60).waitTimeSeconds(1)).messages()) {
                seen.merge(m.body(), 1, Integer::sum);
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        return seen;
    }

    private static SqsException error(Runnable call) {
        return catchThrowableOfType(SqsException.class, call::run);
    }

    @Test
    void deadLettersNameTheirSourceAndAreMovedBackToIt() {
        Pair pair = Pair.create("move-back");
        MessageAttributeValue color = MessageAttributeValue.builder().dataType("String").stringValue("red").build();
        for (int i = 0; i < 3; i++) {
            String body = "back-" + i;
            sqs.sendMessage(r -> r.queueUrl(pair.source()).messageBody(body).messageAttributes(Map.of("color", color)));
        }
        SqsTestQueues.driveToDeadLetters(sqs, pair.source(), pair.dlq(), 3);

        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(pair.dlq()).maxNumberOfMessages(10).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN)).messages();
        assertThat(dead).hasSize(3).allSatisfy(m -> assertThat(m.attributes())
                .containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, pair.sourceArn()));

        long before = System.currentTimeMillis();
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn())).taskHandle();
        assertThat(handle).isNotBlank();
        ListMessageMoveTasksResultEntry done = awaitStatus(pair.dlqArn(), "COMPLETED");
        assertThat(done.sourceArn()).isEqualTo(pair.dlqArn());
        assertThat(done.approximateNumberOfMessagesToMove()).isEqualTo(3L);
        assertThat(done.approximateNumberOfMessagesMoved()).isEqualTo(3L);
        assertThat(done.destinationArn()).as("none was given").isNull();
        assertThat(done.maxNumberOfMessagesPerSecond()).as("none was given").isNull();
        assertThat(done.failureReason()).isNull();
        assertThat(done.taskHandle()).as("AWS gives the handle only for RUNNING tasks").isNull();
        assertThat(done.startedTimestamp()).isBetween(before - 5_000, System.currentTimeMillis() + 1_000);

        assertThat(SqsTestQueues.visible(sqs, pair.dlq())).isZero();
        List<Message> back = sqs.receiveMessage(r -> r.queueUrl(pair.source()).maxNumberOfMessages(10).visibilityTimeout(60)
                .messageAttributeNames("All")).messages();
        assertThat(back).extracting(Message::body).containsExactlyInAnyOrder("back-0", "back-1", "back-2");
        assertThat(back).allSatisfy(m -> assertThat(m.messageAttributes()).containsEntry("color", color));
    }

    @Test
    void destinationArnMovesEverythingThereAndTasksListNewestFirst() {
        Pair pair = Pair.create("move-dest");
        String destination = SqsTestQueues.standard(sqs, "move-target", Map.of());
        String destinationArn = SqsTestQueues.arn(sqs, destination);
        sqs.sendMessage(r -> r.queueUrl(pair.source()).messageBody("via-redrive"));
        SqsTestQueues.driveToDeadLetters(sqs, pair.source(), pair.dlq(), 1);
        // Sent straight to the dead-letter queue: no source to go back to, but a destination is given.
        SqsTestQueues.sendAll(sqs, pair.dlq(), List.of("direct-1", "direct-2", "direct-3"));

        sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(destinationArn));
        ListMessageMoveTasksResultEntry first = awaitStatus(pair.dlqArn(), "COMPLETED");
        assertThat(first.destinationArn()).isEqualTo(destinationArn);
        assertThat(first.approximateNumberOfMessagesMoved()).isEqualTo(4L);
        assertThat(drain(destination, 4)).containsOnlyKeys("via-redrive", "direct-1", "direct-2", "direct-3")
                .allSatisfy((body, times) -> assertThat(times).isEqualTo(1));
        assertThat(SqsTestQueues.visible(sqs, pair.source())).as("nothing went back to the source").isZero();

        // A second task on the now empty queue completes with nothing to move.
        sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(destinationArn).maxNumberOfMessagesPerSecond(100));
        ListMessageMoveTasksResultEntry second = awaitStatus(pair.dlqArn(), "COMPLETED");
        assertThat(second.maxNumberOfMessagesPerSecond()).isEqualTo(100);
        assertThat(second.approximateNumberOfMessagesMoved()).isZero();

        assertThat(list(pair.dlqArn(), null)).as("MaxResults defaults to 1: the most recent task").hasSize(1);
        List<ListMessageMoveTasksResultEntry> both = list(pair.dlqArn(), 10);
        assertThat(both).hasSize(2);
        assertThat(both.get(0).maxNumberOfMessagesPerSecond()).as("newest first").isEqualTo(100);
        assertThat(both.get(1).approximateNumberOfMessagesMoved()).isEqualTo(4L);
        assertThat(both.get(0).startedTimestamp()).isGreaterThanOrEqualTo(both.get(1).startedTimestamp());
    }

    @Test
    void aThrottledTaskCanBeCancelledAndNothingIsLostOrDoubled() {
        Pair pair = Pair.create("move-cancel");
        String destination = SqsTestQueues.standard(sqs, "move-slow", Map.of());
        String destinationArn = SqsTestQueues.arn(sqs, destination);
        List<String> bodies = IntStream.range(0, 50).mapToObj(i -> "slow-" + i).toList();
        SqsTestQueues.sendAll(sqs, pair.dlq(), bodies);

        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(destinationArn)
                .maxNumberOfMessagesPerSecond(1)).taskHandle();
        ListMessageMoveTasksResultEntry running = list(pair.dlqArn(), null).getFirst();
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.taskHandle()).isEqualTo(handle);
        assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(1);
        assertThat(running.approximateNumberOfMessagesToMove()).isEqualTo(50L);

        SqsException second = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(destinationArn)));
        assertThat(second).as("a second task while one runs").isNotNull();
        assertThat(list(pair.dlqArn(), 10)).as("the refused start left no task behind").hasSize(1);

        await("the throttled task to move its first message").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> list(pair.dlqArn(), null).getFirst().approximateNumberOfMessagesMoved() >= 1);
        long movedAtCancel = sqs.cancelMessageMoveTask(r -> r.taskHandle(handle)).approximateNumberOfMessagesMoved();
        assertThat(movedAtCancel).as("1 message a second").isBetween(1L, 15L);

        ListMessageMoveTasksResultEntry cancelled = awaitStatus(pair.dlqArn(), "CANCELLED");
        assertThat(cancelled.approximateNumberOfMessagesMoved()).isBetween(movedAtCancel, 20L);
        assertThat(error(() -> sqs.cancelMessageMoveTask(r -> r.taskHandle(handle))).statusCode())
                .as("only a RUNNING task can be cancelled").isBetween(400, 499);

        // Nothing lost, nothing doubled: an unthrottled task moves the rest, then every body is there once.
        sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(destinationArn));
        assertThat(awaitStatus(pair.dlqArn(), "COMPLETED").approximateNumberOfMessagesMoved())
                .isEqualTo(50L - cancelled.approximateNumberOfMessagesMoved());
        Map<String, Integer> arrived = drain(destination, 50);
        assertThat(arrived).containsOnlyKeys(bodies).allSatisfy((body, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void aTaskWithoutDestinationFailsForMessagesThatHaveNoSource() {
        // opencmq's documented choice (the core API): a message sent straight to the dead-letter
        // queue has no source to return to, so a task without DestinationArn ends FAILED with a
        // reason and the message stays where it was.
        Pair pair = Pair.create("move-orphan");
        sqs.sendMessage(r -> r.queueUrl(pair.dlq()).messageBody("orphan"));
        sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()));
        ListMessageMoveTasksResultEntry failed = awaitStatus(pair.dlqArn(), "FAILED");
        assertThat(failed.failureReason()).isNotBlank();
        assertThat(failed.taskHandle()).isNull();
        assertThat(SqsTestQueues.visible(sqs, pair.dlq())).isEqualTo(1);
    }

    @Test
    void aSecondTaskWhileOneRunsIsInvalidParameterValue() {
        Pair pair = Pair.create("move-twice");
        SqsTestQueues.sendAll(sqs, pair.dlq(), IntStream.range(0, 10).mapToObj(i -> "twice-" + i).toList());
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(pair.sourceArn())
                .maxNumberOfMessagesPerSecond(1)).taskHandle();
        try {
            // AWS: InvalidParameterValue (400) "There is already a task running. Only one active
            // task is allowed for a source queue arn at a given time."
            SqsException second = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn())));
            assertThat(second.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(second.statusCode()).isEqualTo(400);
        } finally {
            sqs.cancelMessageMoveTask(r -> r.taskHandle(handle));
        }
    }

    @Test
    void aSourceThatIsNoDeadLetterQueueIsInvalidParameterValue() {
        Pair pair = Pair.create("move-notdlq");
        // AWS: InvalidParameterValue (400) "Source queue must be configured as a Dead Letter Queue."
        SqsException notDlq = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.sourceArn())));
        assertThat(notDlq.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(notDlq.statusCode()).isEqualTo(400);
        assertThat(list(pair.sourceArn(), 10)).as("no task was started").isEmpty();
    }

    @Test
    void missingQueuesAreResourceNotFound() {
        Pair pair = Pair.create("move-missing");
        String missingArn = pair.dlqArn() + "-nope";
        // AWS: ResourceNotFoundException, HTTP 404, "The resource that you specified for the
        // SourceArn (DestinationArn) parameter doesn't exist."
        SqsException noSource = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(missingArn)));
        assertThat(noSource.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        SqsException noDestination = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).destinationArn(missingArn)));
        assertThat(noDestination.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(list(pair.dlqArn(), 10)).as("failed starts leave no task behind").isEmpty();
        assertThat(noSource.statusCode()).isEqualTo(404);
        assertThat(noDestination.statusCode()).isEqualTo(404);
    }

    @Test
    void outOfRangeNumbersAndUnknownHandlesAreRefused() {
        Pair pair = Pair.create("move-range");
        // MaxNumberOfMessagesPerSecond: 1 to 500.
        assertThat(error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).maxNumberOfMessagesPerSecond(0)))
                .awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(pair.dlqArn()).maxNumberOfMessagesPerSecond(501)))
                .awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        // ListMessageMoveTasks MaxResults: 1 to 10.
        assertThat(error(() -> list(pair.dlqArn(), 11)).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(list(pair.dlqArn(), 10)).isEmpty();

        // AWS answers InvalidParameterValue for a malformed handle and ResourceNotFoundException
        // ("Task does not exist.") for a well-formed one of no task; opencmq's handles are its own,
        // so either is right for this string, but it must be one of them.
        SqsException unknown = error(() -> sqs.cancelMessageMoveTask(r -> r.taskHandle("no-such-task-handle")));
        assertThat(unknown.awsErrorDetails().errorCode()).isIn("ResourceNotFoundException", "InvalidParameterValue");
    }
}
