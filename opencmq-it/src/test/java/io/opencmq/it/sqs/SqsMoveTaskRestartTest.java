package io.opencmq.it.sqs;

import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message move tasks survive a restart on the same data directory, as AWS keeps them: a
 * finished task is still listed, and a task still running at shutdown resumes and completes
 * (at least once: a message whose move was cut short by the shutdown may arrive twice).
 */
class SqsMoveTaskRestartTest {

    @TempDir
    Path temp;

    private static List<ListMessageMoveTasksResultEntry> list(SqsClient sqs, String sourceArn) {
        return sqs.listMessageMoveTasks(r -> r.sourceArn(sourceArn).maxResults(10)).results();
    }

    private static ListMessageMoveTasksResultEntry awaitNewest(SqsClient sqs, String sourceArn, String status) {
        List<ListMessageMoveTasksResultEntry> latest = new ArrayList<>();
        await("newest move task to be " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    latest.clear();
                    latest.addAll(list(sqs, sourceArn));
                    return !latest.isEmpty() && status.equals(latest.getFirst().status());
                });
        return latest.getFirst();
    }

    @Test
    void tasksAreStillListedAndARunningOneResumesAfterARestart() {
        Path dataDir = temp.resolve("data");
        String dlqPath;
        String destinationPath;
        ListMessageMoveTasksResultEntry completed;
        String runningHandle;
        List<String> slowBodies = IntStream.range(0, 8).mapToObj(i -> "slow-" + i).toList();
        try (TestServer first = TestServer.start(dataDir); SqsClient sqs = SqsClients.client(first)) {
            String dlq = SqsTestQueues.standard(sqs, "restart-dlq", Map.of());
            String dlqArn = SqsTestQueues.arn(sqs, dlq);
            SqsTestQueues.standard(sqs, "restart-src", Map.of("RedrivePolicy", SqsTestQueues.redrivePolicy(dlqArn, 1)));
            String destination = SqsTestQueues.standard(sqs, "restart-dest", Map.of());
            String destinationArn = SqsTestQueues.arn(sqs, destination);
            dlqPath = dlq.substring(first.endpoint().length());
            destinationPath = destination.substring(first.endpoint().length());

            SqsTestQueues.sendAll(sqs, dlq, List.of("fast-1", "fast-2", "fast-3"));
            sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn).destinationArn(destinationArn));
            completed = awaitNewest(sqs, dlqArn, "COMPLETED");
            assertThat(completed.approximateNumberOfMessagesMoved()).isEqualTo(3L);

            SqsTestQueues.sendAll(sqs, dlq, slowBodies);
            runningHandle = sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn).destinationArn(destinationArn)
                    .maxNumberOfMessagesPerSecond(1)).taskHandle();
            await("the throttled task to move a message").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> list(sqs, dlqArn).getFirst().approximateNumberOfMessagesMoved() >= 1);
        }

        try (TestServer second = TestServer.start(dataDir); SqsClient sqs = SqsClients.client(second)) {
            String dlqArn = SqsTestQueues.arn(sqs, second.endpoint() + dlqPath);
            String destination = second.endpoint() + destinationPath;
            List<ListMessageMoveTasksResultEntry> after = list(sqs, dlqArn);
            assertThat(after).hasSize(2);
            assertThat(after.get(1)).as("the finished task, as it was listed before the restart").isEqualTo(completed);
            assertThat(after.get(0).status()).as("resumed").isIn("RUNNING", "COMPLETED");
            if (after.get(0).status().equals("RUNNING")) {
                assertThat(after.get(0).taskHandle()).isEqualTo(runningHandle);
            }
            ListMessageMoveTasksResultEntry resumed = awaitNewest(sqs, dlqArn, "COMPLETED");
            assertThat(resumed.approximateNumberOfMessagesToMove()).isEqualTo(8L);
            assertThat(SqsTestQueues.visible(sqs, second.endpoint() + dlqPath)).isZero();

            Map<String, Integer> arrived = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (arrived.size() < 11 && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(destination).maxNumberOfMessages(10)
                        .visibilityTimeout(60).waitTimeSeconds(1)).messages()) {
                    arrived.merge(m.body(), 1, Integer::sum);
                }
            }
            assertThat(arrived.keySet()).as("nothing lost").containsAll(slowBodies).contains("fast-1", "fast-2", "fast-3");
        }
    }
}
