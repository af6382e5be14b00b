package io.opencmq.it.sqs.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.SendMessageBatchResult;
import com.amazonaws.services.sqs.model.SendMessageBatchResultEntry;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageResult;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FIFO queues through the AWS SDK for Java v1 (query protocol): order per message group, the
 * group lock, five-minute deduplication (explicit and content-based), SequenceNumber on sends
 * and receives, ReceiveRequestAttemptId, and the FIFO refusals with the codes AWS documents.
 */
class SqsV1FifoTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
    }

    private static String fifo(String prefix, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>(extra);
        attributes.put("FifoQueue", "true");
        return sqs.createQueue(new CreateQueueRequest(QueueNames.unique(prefix) + ".fifo").withAttributes(attributes)).getQueueUrl();
    }

    private static SendMessageResult send(String queue, String group, String dedup, String body) {
        return sqs.sendMessage(new SendMessageRequest(queue, body).withMessageGroupId(group).withMessageDeduplicationId(dedup));
    }

    private static List<Message> receive(String queue, int visibility) {
        return sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                .withVisibilityTimeout(visibility).withAttributeNames("All")).getMessages();
    }

    private static Map<String, String> counts(String queue) {
        return sqs.getQueueAttributes(new GetQueueAttributesRequest(queue)
                .withAttributeNames("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).getAttributes();
    }

    @Test
    void aFifoQueueReportsItsFifoAttributes() {
        String queue = fifo("v1-fifo-attrs", Map.of("ContentBasedDeduplication", "true"));
        assertThat(queue).endsWith(".fifo");
        assertThat(sqs.getQueueAttributes(new GetQueueAttributesRequest(queue).withAttributeNames("All")).getAttributes())
                .containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "true")
                .containsEntry("DeduplicationScope", "queue").containsEntry("FifoThroughputLimit", "perQueue");

        AmazonServiceException noSuffix = catchThrowableOfType(AmazonServiceException.class, () -> sqs.createQueue(
                new CreateQueueRequest(QueueNames.unique("v1-no-suffix")).withAttributes(Map.of("FifoQueue", "true"))));
        assertThat(noSuffix.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException standardWithFifoAttribute = catchThrowableOfType(AmazonServiceException.class, () -> sqs.createQueue(
                new CreateQueueRequest(QueueNames.unique("v1-std")).withAttributes(Map.of("ContentBasedDeduplication", "true"))));
        assertThat(standardWithFifoAttribute.getErrorCode()).isEqualTo("InvalidAttributeName");
    }

    @Test
    void messagesOfAGroupComeInSendOrderAndAGroupWaitsWhileInFlight() {
        String queue = fifo("v1-fifo-order", Map.of());
        BigInteger previous = BigInteger.valueOf(-1);
        for (int i = 0; i < 4; i++) {
            for (String group : List.of("A", "B")) {
                SendMessageResult sent = send(queue, group, group + i, group + i);
                assertThat(sent.getSequenceNumber()).as("a decimal sequence number").matches("[0-9]{20,128}");
                BigInteger sequence = new BigInteger(sent.getSequenceNumber());
                assertThat(sequence).as("grows with send order").isGreaterThan(previous);
                previous = sequence;
            }
        }

        List<Message> first = receive(queue, 60);
        assertThat(first).isNotEmpty();
        for (String group : List.of("A", "B")) {
            List<String> bodies = first.stream().filter(m -> m.getAttributes().get("MessageGroupId").equals(group))
                    .map(Message::getBody).toList();
            List<String> sent = List.of(group + "0", group + "1", group + "2", group + "3");
            assertThat(bodies).as("group %s: a prefix of its send order", group).isEqualTo(sent.subList(0, bodies.size()));
        }
        assertThat(first).allSatisfy(m -> assertThat(m.getAttributes())
                .containsKeys("SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "SentTimestamp"));
        assertThat(receive(queue, 60)).as("both groups have a message in flight").isEmpty();

        // Deleting the received messages opens the groups; what follows continues each group's order.
        first.forEach(m -> sqs.deleteMessage(queue, m.getReceiptHandle()));
        List<Message> received = new ArrayList<>(first);
        for (int round = 0; round < 8 && received.size() < 8; round++) {
            List<Message> next = receive(queue, 60);
            next.forEach(m -> sqs.deleteMessage(queue, m.getReceiptHandle()));
            received.addAll(next);
        }
        for (String group : List.of("A", "B")) {
            assertThat(received.stream().filter(m -> m.getAttributes().get("MessageGroupId").equals(group)).map(Message::getBody))
                    .containsExactly(group + "0", group + "1", group + "2", group + "3");
        }
        assertThat(received).extracting(m -> new BigInteger(m.getAttributes().get("SequenceNumber")))
                .doesNotHaveDuplicates();
    }

    @Test
    void aDuplicateWithinFiveMinutesAnswersTheFirstCopyAndStoresNothing() {
        String queue = fifo("v1-fifo-dedup", Map.of());
        SendMessageResult original = send(queue, "G", "order-17", "first copy");
        SendMessageResult duplicate = send(queue, "G", "order-17", "second copy");
        assertThat(duplicate.getMessageId()).isEqualTo(original.getMessageId());
        assertThat(duplicate.getSequenceNumber()).isEqualTo(original.getSequenceNumber());

        Message only = receive(queue, 60).getFirst();
        assertThat(only.getBody()).isEqualTo("first copy");
        sqs.deleteMessage(queue, only.getReceiptHandle());
        assertThat(send(queue, "G", "order-17", "third copy").getMessageId())
                .as("still a duplicate after the first copy was deleted").isEqualTo(original.getMessageId());
        assertThat(counts(queue)).containsEntry("ApproximateNumberOfMessages", "0");

        String contentBased = fifo("v1-fifo-cbd", Map.of("ContentBasedDeduplication", "true"));
        SendMessageResult a = sqs.sendMessage(new SendMessageRequest(contentBased, "same body").withMessageGroupId("G"));
        SendMessageResult b = sqs.sendMessage(new SendMessageRequest(contentBased, "same body").withMessageGroupId("G"));
        SendMessageResult c = sqs.sendMessage(new SendMessageRequest(contentBased, "other body").withMessageGroupId("G"));
        assertThat(b.getMessageId()).isEqualTo(a.getMessageId());
        assertThat(c.getMessageId()).isNotEqualTo(a.getMessageId());
        List<Message> two = receive(contentBased, 60);
        assertThat(two).extracting(Message::getBody).containsExactly("same body", "other body");
        assertThat(two.getFirst().getAttributes().get("MessageDeduplicationId"))
                .as("the hex SHA-256 of the body").matches("[0-9a-f]{64}");
    }

    @Test
    void sendMessageBatchNumbersEntriesInOrderAndFailsInvalidEntriesAlone() {
        String queue = fifo("v1-fifo-batch", Map.of());
        SendMessageBatchResult result = sqs.sendMessageBatch(queue, List.of(
                new SendMessageBatchRequestEntry("one", "b1").withMessageGroupId("G").withMessageDeduplicationId("d1"),
                new SendMessageBatchRequestEntry("nogroup", "b2").withMessageDeduplicationId("d2"),
                new SendMessageBatchRequestEntry("two", "b3").withMessageGroupId("G").withMessageDeduplicationId("d3"),
                new SendMessageBatchRequestEntry("again", "b4").withMessageGroupId("G").withMessageDeduplicationId("d1")));
        assertThat(result.getSuccessful()).extracting(SendMessageBatchResultEntry::getId).containsExactly("one", "two", "again");
        assertThat(result.getFailed()).singleElement().satisfies(f -> {
            assertThat(f.getId()).isEqualTo("nogroup");
            assertThat(f.getCode()).isEqualTo("MissingParameter");
            assertThat(f.getSenderFault()).isTrue();
        });
        List<BigInteger> sequences = result.getSuccessful().stream().map(e -> new BigInteger(e.getSequenceNumber())).toList();
        assertThat(sequences.get(1)).isGreaterThan(sequences.get(0));
        assertThat(result.getSuccessful().get(2).getMessageId()).as("a duplicate of entry one")
                .isEqualTo(result.getSuccessful().get(0).getMessageId());
        assertThat(sequences.get(2)).isEqualTo(sequences.get(0));
        assertThat(receive(queue, 60)).extracting(Message::getBody).containsExactly("b1", "b3");
    }

    @Test
    void receiveRequestAttemptIdRepeatsTheSameMessagesAndHandles() {
        String queue = fifo("v1-fifo-attempt", Map.of());
        IntStream.range(0, 3).forEach(i -> send(queue, "G", "r" + i, "r" + i));
        ReceiveMessageRequest attempt1 = new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10).withVisibilityTimeout(60)
                .withReceiveRequestAttemptId("attempt-1");
        List<Message> first = sqs.receiveMessage(attempt1).getMessages();
        assertThat(first).extracting(Message::getBody).containsExactly("r0", "r1", "r2");
        List<Message> retry = sqs.receiveMessage(attempt1).getMessages();
        assertThat(retry).extracting(Message::getMessageId).containsExactlyElementsOf(first.stream().map(Message::getMessageId).toList());
        assertThat(retry).extracting(Message::getReceiptHandle)
                .containsExactlyElementsOf(first.stream().map(Message::getReceiptHandle).toList());
        assertThat(sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                .withReceiveRequestAttemptId("attempt-2")).getMessages())
                .as("a different attempt id is a new receive; the group is in flight").isEmpty();
        retry.forEach(m -> sqs.deleteMessage(queue, m.getReceiptHandle()));
        assertThat(counts(queue)).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void fifoParametersAreRefusedWithTheCodesAwsDocuments() {
        String queue = fifo("v1-fifo-refuse", Map.of());
        AmazonServiceException noGroup = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(queue, "no group").withMessageDeduplicationId("d")));
        assertThat(noGroup.getErrorCode()).isEqualTo("MissingParameter");
        AmazonServiceException noDedup = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(queue, "no dedup id").withMessageGroupId("G")));
        assertThat(noDedup.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException ownDelay = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(queue, "own delay").withMessageGroupId("G").withMessageDeduplicationId("d").withDelaySeconds(5)));
        assertThat(ownDelay.getErrorCode()).isEqualTo("InvalidParameterValue");

        Message m = receiveAfterSend(queue);
        sqs.deleteMessage(queue, m.getReceiptHandle());
        AmazonServiceException stale = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.deleteMessage(queue, m.getReceiptHandle()));
        assertThat(stale.getErrorCode()).as("a stale handle on a FIFO queue").isEqualTo("InvalidParameterValue");

        String standard = sqs.createQueue(QueueNames.unique("v1-std-refuse")).getQueueUrl();
        AmazonServiceException dedupOnStandard = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(standard, "x").withMessageDeduplicationId("d")));
        assertThat(dedupOnStandard.getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    private static Message receiveAfterSend(String queue) {
        send(queue, "G", "ok", "fine");
        return receive(queue, 60).getFirst();
    }
}
