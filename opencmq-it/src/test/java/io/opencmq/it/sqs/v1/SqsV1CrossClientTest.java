package io.opencmq.it.sqs.v1;

import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageResult;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two SQS protocols on one queue: what the AWS SDK for Java v1 sends in the query protocol,
 * the AWS SDK for Java v2 receives and deletes in the JSON protocol, and the other way round.
 * Both SDKs check the MD5 digests of bodies and message attributes themselves.
 */
class SqsV1CrossClientTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS query;
    static SqsClient json;

    @BeforeAll
    static void openClients() {
        query = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
        json = server.client(SqsV1Clients::jsonClient);
    }

    @Test
    void sentWithTheQueryProtocolReceivedAndDeletedWithJson() {
        String queue = query.createQueue(QueueNames.unique("v1-to-v2")).getQueueUrl();
        SendMessageResult sent = query.sendMessage(new SendMessageRequest(queue, "from v1 \r\n & <xml>").withMessageAttributes(Map.of(
                "text", new com.amazonaws.services.sqs.model.MessageAttributeValue().withDataType("String").withStringValue("caf\u00e9"),
                "n", new com.amazonaws.services.sqs.model.MessageAttributeValue().withDataType("Number.int").withStringValue("42"),
                "blob", new com.amazonaws.services.sqs.model.MessageAttributeValue().withDataType("Binary")
                        .withBinaryValue(ByteBuffer.wrap(new byte[] {0, (byte) 0xfe})))));

        Message m = json.receiveMessage(r -> r.queueUrl(queue).messageAttributeNames("All").waitTimeSeconds(1)).messages().getFirst();
        assertThat(m.messageId()).isEqualTo(sent.getMessageId());
        assertThat(m.body()).isEqualTo("from v1 \r\n & <xml>");
        assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.getMD5OfMessageAttributes());
        assertThat(m.messageAttributes()).isEqualTo(Map.of(
                "text", MessageAttributeValue.builder().dataType("String").stringValue("caf\u00e9").build(),
                "n", MessageAttributeValue.builder().dataType("Number.int").stringValue("42").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xfe})).build()));

        json.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
        assertThat(json.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        assertThat(query.receiveMessage(queue).getMessages()).isEmpty();
    }

    @Test
    void sentWithJsonReceivedAndBatchDeletedWithTheQueryProtocol() {
        String queue = json.createQueue(r -> r.queueName(QueueNames.unique("v2-to-v1"))).queueUrl();
        json.sendMessageBatch(r -> r.queueUrl(queue).entries(
                e -> e.id("a").messageBody("one").messageAttributes(Map.of("k",
                        MessageAttributeValue.builder().dataType("String.custom").stringValue("v").build())),
                e -> e.id("b").messageBody("two")));

        List<com.amazonaws.services.sqs.model.Message> got = query.receiveMessage(new ReceiveMessageRequest(queue)
                .withMaxNumberOfMessages(10).withMessageAttributeNames("All")).getMessages();
        assertThat(got).extracting(com.amazonaws.services.sqs.model.Message::getBody).containsExactlyInAnyOrder("one", "two");
        assertThat(got).filteredOn(m -> m.getBody().equals("one")).singleElement()
                .satisfies(m -> assertThat(m.getMessageAttributes().get("k").getStringValue()).isEqualTo("v"));

        var deleted = query.deleteMessageBatch(queue, List.of(
                new DeleteMessageBatchRequestEntry("x", got.get(0).getReceiptHandle()),
                new DeleteMessageBatchRequestEntry("y", got.get(1).getReceiptHandle())));
        assertThat(deleted.getFailed()).isEmpty();
        assertThat(json.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0)).messages()).isEmpty();
    }

    @Test
    void aFifoMessageKeepsItsSequenceNumberAndGroupAcrossProtocols() {
        String queue = query.createQueue(new CreateQueueRequest(QueueNames.unique("v1-cross") + ".fifo")
                .withAttributes(Map.of("FifoQueue", "true"))).getQueueUrl();
        SendMessageResult first = query.sendMessage(new SendMessageRequest(queue, "f1").withMessageGroupId("G").withMessageDeduplicationId("d1"));
        SendMessageResult second = query.sendMessage(new SendMessageRequest(queue, "f2").withMessageGroupId("G").withMessageDeduplicationId("d2"));
        // The same deduplication id through the other protocol is still a duplicate.
        var duplicate = json.sendMessage(r -> r.queueUrl(queue).messageBody("f1 again").messageGroupId("G").messageDeduplicationId("d1"));
        assertThat(duplicate.messageId()).isEqualTo(first.getMessageId());
        assertThat(duplicate.sequenceNumber()).isEqualTo(first.getSequenceNumber());

        List<Message> got = json.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(got).extracting(Message::body).containsExactly("f1", "f2");
        assertThat(got).extracting(m -> m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER))
                .containsExactly(first.getSequenceNumber(), second.getSequenceNumber());
        assertThat(got).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).containsOnly("G");
        got.forEach(m -> query.deleteMessage(queue, m.receiptHandle()));
        assertThat(query.receiveMessage(queue).getMessages()).isEmpty();
    }
}
