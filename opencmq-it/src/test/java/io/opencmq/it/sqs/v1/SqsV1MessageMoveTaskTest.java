package io.opencmq.it.sqs.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.CancelMessageMoveTaskRequest;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.ListMessageMoveTasksRequest;
import com.amazonaws.services.sqs.model.ListMessageMoveTasksResultEntry;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.ResourceNotFoundException;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.StartMessageMoveTaskRequest;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Message move tasks (dead-letter queue redrive) through the AWS SDK for Java v1, whose 1.12.583
 * already models them: StartMessageMoveTask, ListMessageMoveTasks (its flattened
 * {@code ListMessageMoveTasksResultEntry} elements) and CancelMessageMoveTask, with the errors.
 */
class SqsV1MessageMoveTaskTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
    }

    private static int visible(String queue) {
        return Integer.parseInt(sqs.getQueueAttributes(new GetQueueAttributesRequest(queue)
                .withAttributeNames("ApproximateNumberOfMessages")).getAttributes().get("ApproximateNumberOfMessages"));
    }

    private static List<ListMessageMoveTasksResultEntry> tasks(String sourceArn) {
        return sqs.listMessageMoveTasks(new ListMessageMoveTasksRequest().withSourceArn(sourceArn).withMaxResults(10)).getResults();
    }

    @Test
    void deadLettersAreMovedBackToTheirSourceAndTheTaskIsListed() {
        String dlqName = QueueNames.unique("v1-move-dlq");
        String dlq = sqs.createQueue(dlqName).getQueueUrl();
        String sourceName = QueueNames.unique("v1-move-src");
        String source = sqs.createQueue(new CreateQueueRequest(sourceName).withAttributes(Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + SqsV1Clients.arn(dlqName) + "\",\"maxReceiveCount\":1}"))).getQueueUrl();
        MessageAttributeValue color = new MessageAttributeValue().withDataType("String").withStringValue("red");
        for (int i = 0; i < 3; i++) {
            sqs.sendMessage(new SendMessageRequest(source, "back-" + i).withMessageAttributes(Map.of("color", color)));
        }
        // maxReceiveCount 1 and visibility 0: the first receive spends the count, the next moves the message.
        await("three dead letters").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            sqs.receiveMessage(new ReceiveMessageRequest(source).withMaxNumberOfMessages(10).withVisibilityTimeout(0));
            return visible(dlq) == 3;
        });

        long before = System.currentTimeMillis();
        String handle = sqs.startMessageMoveTask(new StartMessageMoveTaskRequest().withSourceArn(SqsV1Clients.arn(dlqName)))
                .getTaskHandle();
        assertThat(handle).isNotBlank();
        List<ListMessageMoveTasksResultEntry> listed = new ArrayList<>();
        await("the move task to complete").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            listed.clear();
            listed.addAll(tasks(SqsV1Clients.arn(dlqName)));
            return !listed.isEmpty() && listed.getFirst().getStatus().equals("COMPLETED");
        });
        ListMessageMoveTasksResultEntry done = listed.getFirst();
        assertThat(done.getSourceArn()).isEqualTo(SqsV1Clients.arn(dlqName));
        assertThat(done.getApproximateNumberOfMessagesMoved()).isEqualTo(3L);
        assertThat(done.getApproximateNumberOfMessagesToMove()).isEqualTo(3L);
        assertThat(done.getDestinationArn()).isNull();
        assertThat(done.getFailureReason()).isNull();
        assertThat(done.getStartedTimestamp()).isBetween(before - 5_000, System.currentTimeMillis() + 1_000);

        assertThat(visible(dlq)).isZero();
        List<Message> back = sqs.receiveMessage(new ReceiveMessageRequest(source).withMaxNumberOfMessages(10)
                .withMessageAttributeNames("All")).getMessages();
        assertThat(back).extracting(Message::getBody).containsExactlyInAnyOrder("back-0", "back-1", "back-2");
        assertThat(back).allSatisfy(m -> assertThat(m.getMessageAttributes()).containsEntry("color", color));
    }

    @Test
    void tasksAreRefusedWhereAwsRefusesThem() {
        String plainName = QueueNames.unique("v1-move-plain");
        sqs.createQueue(plainName);
        AmazonServiceException notADeadLetterQueue = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.startMessageMoveTask(new StartMessageMoveTaskRequest().withSourceArn(SqsV1Clients.arn(plainName))));
        assertThat(notADeadLetterQueue.getErrorCode()).isEqualTo("InvalidParameterValue");

        ResourceNotFoundException noQueue = catchThrowableOfType(ResourceNotFoundException.class, () -> sqs.startMessageMoveTask(
                new StartMessageMoveTaskRequest().withSourceArn(SqsV1Clients.arn("v1-move-no-such-queue"))));
        assertThat(noQueue.getErrorCode()).isEqualTo("ResourceNotFoundException");
        ResourceNotFoundException noTask = catchThrowableOfType(ResourceNotFoundException.class,
                () -> sqs.cancelMessageMoveTask(new CancelMessageMoveTaskRequest().withTaskHandle("no-such-task")));
        assertThat(noTask.getErrorCode()).isEqualTo("ResourceNotFoundException");

        AmazonServiceException notAnArn = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.startMessageMoveTask(new StartMessageMoveTaskRequest().withSourceArn("not-an-arn")));
        assertThat(notAnArn.getErrorCode()).isEqualTo("InvalidParameterValue");
        assertThat(tasks(SqsV1Clients.arn(plainName))).isEmpty();
    }
}
