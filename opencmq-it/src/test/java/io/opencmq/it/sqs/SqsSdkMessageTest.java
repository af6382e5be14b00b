package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Messages through the AWS SDK for Java v2 (JSON protocol) against the real server. The SDK
 * checks MD5OfMessageBody, MD5OfMessageAttributes and MD5OfBody of every send and receive
 * itself and fails the call on a mismatch, so every passing send and receive here also proves
 * the digests right.
 */
class SqsSdkMessageTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
    }

    private static String newQueue(String prefix) {
        return sqs.createQueue(r -> r.queueName(QueueNames.unique(prefix))).queueUrl();
    }

    @Test
    void sendReceiveDeleteWithSystemAttributes() {
        String queue = newQueue("sqs-msg");
        long before = System.currentTimeMillis();
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(queue).messageBody("hello, 世界 \uD83D\uDE00"));

        Message m = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().getFirst();
        assertThat(m.body()).isEqualTo("hello, 世界 \uD83D\uDE00");
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.attributes()).containsKeys(MessageSystemAttributeName.SENDER_ID, MessageSystemAttributeName.SENT_TIMESTAMP,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP);
        assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
        assertThat(Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");

        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue)).messages()).isEmpty();
        // A stale handle (here: of a deleted message) is a success that deletes nothing, as in AWS;
        // changing its visibility is MessageNotInflight.
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())
                .visibilityTimeout(10)))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.MessageNotInflightException.class);
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle("not-a-handle")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void messageAttributesOfEveryTypeRoundTripAndAreSelectedByName() {
        String queue = newQueue("sqs-attr");
        Map<String, MessageAttributeValue> attributes = Map.of(
                "text", MessageAttributeValue.builder().dataType("String").stringValue("caf\u00e9 & <tags>\r\n").build(),
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("-12.50").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build(),
                "custom.kind", MessageAttributeValue.builder().dataType("String.json").stringValue("{\"a\":1}").build(),
                "custom.raw", MessageAttributeValue.builder().dataType("Binary.gzip").binaryValue(SdkBytes.fromUtf8String("zz")).build());
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(queue).messageBody("with attributes")
                .messageAttributes(attributes)
                .messageSystemAttributesWithStrings(Map.of("AWSTraceHeader", MessageSystemAttributeValue.builder()
                        .dataType("String").stringValue("Root=1-5759e988-bd862e3fe1be46a994272793").build())));
        assertThat(sent.md5OfMessageAttributes()).hasSize(32);
        assertThat(sent.md5OfMessageSystemAttributes()).hasSize(32);

        Message all = sqs.receiveMessage(r -> r.queueUrl(queue).messageAttributeNames("All").visibilityTimeout(0)
                .messageSystemAttributeNamesWithStrings("AWSTraceHeader")).messages().getFirst();
        assertThat(all.messageAttributes()).isEqualTo(attributes);
        assertThat(all.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(all.attributesAsStrings()).containsEntry("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793");

        Message some = sqs.receiveMessage(r -> r.queueUrl(queue).messageAttributeNames("custom.*", "count").visibilityTimeout(0))
                .messages().getFirst();
        assertThat(some.messageAttributes()).containsOnlyKeys("custom.kind", "custom.raw", "count");

        Message none = sqs.receiveMessage(r -> r.queueUrl(queue)).messages().getFirst();
        assertThat(none.messageAttributes()).isEmpty();
        assertThat(none.md5OfMessageAttributes()).isNull();
    }

    @Test
    void invalidMessagesAreRefusedWithSqsErrors() {
        String queue = newQueue("sqs-bad");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody("bell \u0007")))
                .isInstanceOf(InvalidMessageContentsException.class);
        SqsException reserved = catchThrowableOfType(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(queue)
                .messageBody("x").messageAttributes(Map.of("AWS.reserved",
                        MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
        assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        SqsException notANumber = catchThrowableOfType(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(queue)
                .messageBody("x").messageAttributes(Map.of("n",
                        MessageAttributeValue.builder().dataType("Number").stringValue("twelve").build()))));
        assertThat(notANumber.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        SqsException delay = catchThrowableOfType(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(queue)
                .messageBody("x").delaySeconds(901)));
        assertThat(delay.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");

        String small = sqs.createQueue(r -> r.queueName(QueueNames.unique("sqs-small"))
                .attributesWithStrings(Map.of("MaximumMessageSize", "1024"))).queueUrl();
        SqsException tooLarge = catchThrowableOfType(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(small)
                .messageBody("b".repeat(1000)).messageAttributes(Map.of("pad",
                        MessageAttributeValue.builder().dataType("String").stringValue("p".repeat(30)).build()))));
        assertThat(tooLarge.awsErrorDetails().errorMessage()).contains("shorter than 1024");
    }

    @Test
    void aQueueCreatedWithoutAttributesTakesMessagesOfAwsDefaultSize() {
        String queue = newQueue("sqs-large");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("MaximumMessageSize"))
                .attributesAsStrings()).containsEntry("MaximumMessageSize", "1048576");
        String body = "L".repeat(300_000);
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        Message got = sqs.receiveMessage(r -> r.queueUrl(queue)).messages().get(0);
        assertThat(got.body()).isEqualTo(body);
    }

    @Test
    void sendMessageBatchAnswersPerEntryWithPartialFailures() {
        String queue = newQueue("sqs-batch");
        SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("first").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("bad \u0001").build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("third").delaySeconds(0)
                        .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))
                        .build()));

        assertThat(response.successful()).extracting(e -> e.id()).containsExactly("a", "c");
        assertThat(response.successful().get(1).md5OfMessageAttributes()).hasSize(32);
        assertThat(response.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("b");
            assertThat(f.senderFault()).isTrue();
            assertThat(f.code()).isEqualTo("InvalidMessageContents");
        });
        List<String> bodies = new ArrayList<>();
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages()) {
            bodies.add(m.body());
        }
        assertThat(bodies).containsExactlyInAnyOrder("first", "third");

        List<SendMessageBatchRequestEntry> eleven = IntStream.range(0, 11)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m").build()).toList();
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(eleven)))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("same").messageBody("1").build(),
                SendMessageBatchRequestEntry.builder().id("same").messageBody("2").build())))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
    }

    @Test
    void receiveTakesUpToTenAndHonoursVisibilityTimeoutAndWaitTime() {
        String queue = newQueue("sqs-recv");
        for (int batch = 0; batch < 2; batch++) {
            int b = batch;
            sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(IntStream.range(0, 6)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(b + "-" + i).build()).toList()));
        }
        List<Message> ten = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0)).messages();
        assertThat(ten).hasSize(10);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages())
                .as("visibility 0 left them receivable").hasSize(10);
        SqsException eleven = catchThrowableOfType(SqsException.class, () -> sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(11)));
        assertThat(eleven.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        SqsException longWait = catchThrowableOfType(SqsException.class, () -> sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(21)));
        assertThat(longWait.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");

        String empty = newQueue("sqs-wait");
        long start = System.nanoTime();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(empty).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited about a second").isBetween(800L, 10_000L);
    }

    @Test
    void queueDelayAndMessageDelayHideMessages() {
        String queue = sqs.createQueue(r -> r.queueName(QueueNames.unique("sqs-delay"))
                .attributesWithStrings(Map.of("DelaySeconds", "60"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("queue delay"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("own delay").delaySeconds(0));
        List<Message> now = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(now).extracting(Message::body).containsExactly("own delay");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
    }

    @Test
    void changeVisibilityAndBatchesOfDeletesAndChanges() {
        String queue = newQueue("sqs-vis");
        sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(IntStream.range(0, 3)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("v" + i).build()).toList()));
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(300)).messages();
        assertThat(got).hasSize(3);

        sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(300)).messages())
                .extracting(Message::body).containsExactly(got.get(0).body());

        ChangeMessageVisibilityBatchResponse changed = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queue).entries(
                e -> e.id("ok").receiptHandle(got.get(1).receiptHandle()).visibilityTimeout(0),
                e -> e.id("bad").receiptHandle("garbage").visibilityTimeout(0)));
        assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("ok");
        assertThat(changed.failed()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid"));

        List<Message> again = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(again).extracting(Message::body).containsExactly(got.get(1).body());
        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(
                e -> e.id("fresh").receiptHandle(again.getFirst().receiptHandle()),
                e -> e.id("mine").receiptHandle(got.get(2).receiptHandle()),
                e -> e.id("stale").receiptHandle(got.get(1).receiptHandle())));
        // As in AWS for standard queues, a stale handle is a success that deletes nothing.
        assertThat(deleted.successful()).extracting(e -> e.id()).containsExactlyInAnyOrder("fresh", "mine", "stale");
        assertThat(deleted.failed()).isEmpty();
    }

    @Test
    void bodiesSurviveByteForByte() {
        String queue = newQueue("sqs-bytes");
        String awkward = "a&b=c %20 + \"q\" 'q' <x/> \t\r\n 中文 \uD83C\uDF89 \uE000 \uFFFD";
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(awkward));
        Message m = sqs.receiveMessage(r -> r.queueUrl(queue)).messages().getFirst();
        assertThat(m.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(awkward.getBytes(StandardCharsets.UTF_8));
    }
}
