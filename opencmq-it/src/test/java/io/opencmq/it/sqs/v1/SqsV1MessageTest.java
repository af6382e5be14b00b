package io.opencmq.it.sqs.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.BatchEntryIdsNotDistinctException;
import com.amazonaws.services.sqs.model.BatchResultErrorEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchResult;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.DeleteMessageBatchResult;
import com.amazonaws.services.sqs.model.DeleteMessageBatchResultEntry;
import com.amazonaws.services.sqs.model.EmptyBatchRequestException;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.InvalidBatchEntryIdException;
import com.amazonaws.services.sqs.model.InvalidMessageContentsException;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.MessageNotInflightException;
import com.amazonaws.services.sqs.model.MessageSystemAttributeValue;
import com.amazonaws.services.sqs.model.ReceiptHandleIsInvalidException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.SendMessageBatchResult;
import com.amazonaws.services.sqs.model.SendMessageBatchResultEntry;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageResult;
import com.amazonaws.services.sqs.model.TooManyEntriesInBatchRequestException;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Messages through the AWS SDK for Java v1 (query protocol). The SDK's MessageMD5ChecksumHandler
 * checks MD5OfMessageBody and MD5OfMessageAttributes of every send, batch entry and received
 * message and fails the call on a mismatch, so every passing call here also proves the digests
 * (computed over what the XML answer carried, so an escaping slip shows as a wrong digest).
 */
class SqsV1MessageTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
    }

    private static String newQueue(String prefix) {
        return sqs.createQueue(QueueNames.unique(prefix)).getQueueUrl();
    }

    private static String attribute(String queue, String name) {
        return sqs.getQueueAttributes(new GetQueueAttributesRequest(queue).withAttributeNames(name)).getAttributes().get(name);
    }

    private static MessageAttributeValue string(String type, String value) {
        return new MessageAttributeValue().withDataType(type).withStringValue(value);
    }

    private static MessageAttributeValue binary(String type, byte[] value) {
        return new MessageAttributeValue().withDataType(type).withBinaryValue(ByteBuffer.wrap(value));
    }

    /** Attributes as comparable text: type and the string value or the hex of the binary one. */
    private static Map<String, String> comparable(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> out = new TreeMap<>();
        attributes.forEach((name, v) -> {
            String value;
            if (v.getBinaryValue() != null) {
                ByteBuffer b = v.getBinaryValue().duplicate();
                b.rewind();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                value = "bin:" + HexFormat.of().formatHex(bytes);
            } else {
                value = "str:" + v.getStringValue();
            }
            out.put(name, v.getDataType() + "=" + value);
        });
        return out;
    }

    @Test
    void sendReceiveDeleteWithSystemAttributes() {
        String queue = newQueue("v1-msg");
        // CR, XML metacharacters, a non-BMP character: all must come back byte for byte through the XML answer.
        String body = "hello, 世界 \uD83D\uDE00 <b>&amp;</b> \"q\" 'a'\r\nline two\rthree\t]]>";
        long before = System.currentTimeMillis();
        SendMessageResult sent = sqs.sendMessage(queue, body);
        assertThat(sent.getMD5OfMessageBody()).isEqualTo(md5Hex(body));
        assertThat(sent.getMD5OfMessageAttributes()).isNull();
        assertThat(sent.getSequenceNumber()).as("standard queue").isNull();

        Message m = sqs.receiveMessage(new ReceiveMessageRequest(queue).withAttributeNames("All").withWaitTimeSeconds(1))
                .getMessages().getFirst();
        assertThat(m.getBody()).isEqualTo(body);
        assertThat(m.getMessageId()).isEqualTo(sent.getMessageId());
        assertThat(m.getMD5OfBody()).isEqualTo(sent.getMD5OfMessageBody());
        assertThat(m.getAttributes()).containsEntry("SenderId", "000000000000")
                .containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp")
                .doesNotContainKeys("SequenceNumber", "MessageDeduplicationId");
        assertThat(Long.parseLong(m.getAttributes().get("SentTimestamp"))).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(attribute(queue, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");

        sqs.deleteMessage(queue, m.getReceiptHandle());
        assertThat(sqs.receiveMessage(queue).getMessages()).isEmpty();
        assertThat(attribute(queue, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("0");
        // A stale handle (here: of a deleted message) is a success that deletes nothing, as in AWS
        // for standard queues; changing its visibility is MessageNotInflight.
        sqs.deleteMessage(queue, m.getReceiptHandle());
        MessageNotInflightException notInFlight = catchThrowableOfType(MessageNotInflightException.class,
                () -> sqs.changeMessageVisibility(queue, m.getReceiptHandle(), 10));
        assertThat(notInFlight.getErrorCode()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight");
        ReceiptHandleIsInvalidException forged = catchThrowableOfType(ReceiptHandleIsInvalidException.class,
                () -> sqs.deleteMessage(queue, "not-a-handle"));
        assertThat(forged.getErrorCode()).isEqualTo("ReceiptHandleIsInvalid");
    }

    @Test
    void messageAttributesOfEveryTypeRoundTripAndAreSelectedByName() {
        String queue = newQueue("v1-attr");
        Map<String, MessageAttributeValue> attributes = Map.of(
                "text", string("String", "caf\u00e9 & <tags> ]]> \r\n end"),
                "count", string("Number", "-12.50"),
                "big", string("Number", "12345678901234567890123456789012345678"),
                "blob", binary("Binary", new byte[] {0, 1, (byte) 0xff, '<', '&'}),
                "custom.kind", string("String.json", "{\"a\":1}"),
                "custom.raw", binary("Binary.gzip", "zz".getBytes(StandardCharsets.UTF_8)),
                "custom.rate", string("Number.float", "0.25"));
        SendMessageResult sent = sqs.sendMessage(new SendMessageRequest(queue, "with attributes")
                .withMessageAttributes(attributes)
                .withMessageSystemAttributes(Map.of("AWSTraceHeader", new MessageSystemAttributeValue()
                        .withDataType("String").withStringValue("Root=1-5759e988-bd862e3fe1be46a994272793"))));
        assertThat(sent.getMD5OfMessageAttributes()).hasSize(32);
        assertThat(sent.getMD5OfMessageSystemAttributes()).hasSize(32);

        Message all = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMessageAttributeNames("All")
                .withAttributeNames("AWSTraceHeader").withVisibilityTimeout(0)).getMessages().getFirst();
        assertThat(comparable(all.getMessageAttributes())).isEqualTo(comparable(attributes));
        assertThat(all.getMD5OfMessageAttributes()).isEqualTo(sent.getMD5OfMessageAttributes());
        assertThat(all.getAttributes()).containsEntry("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793");

        Message some = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMessageAttributeNames("custom.*", "count")
                .withVisibilityTimeout(0)).getMessages().getFirst();
        assertThat(some.getMessageAttributes()).containsOnlyKeys("custom.kind", "custom.raw", "custom.rate", "count");

        Message none = sqs.receiveMessage(queue).getMessages().getFirst();
        assertThat(none.getMessageAttributes()).isEmpty();
        assertThat(none.getMD5OfMessageAttributes()).isNull();
    }

    @Test
    void invalidMessagesAreRefusedWithTheirCodes() {
        String queue = newQueue("v1-bad");
        InvalidMessageContentsException control = catchThrowableOfType(InvalidMessageContentsException.class,
                () -> sqs.sendMessage(queue, "bell \u0007"));
        assertThat(control.getErrorCode()).isEqualTo("InvalidMessageContents");
        AmazonServiceException reserved = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(queue, "x").withMessageAttributes(Map.of("AWS.reserved", string("String", "v")))));
        assertThat(reserved.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException notANumber = catchThrowableOfType(AmazonServiceException.class, () -> sqs.sendMessage(
                new SendMessageRequest(queue, "x").withMessageAttributes(Map.of("n", string("Number", "twelve")))));
        assertThat(notANumber.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException delay = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.sendMessage(new SendMessageRequest(queue, "x").withDelaySeconds(901)));
        assertThat(delay.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException missingBody = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.sendMessage(new SendMessageRequest().withQueueUrl(queue)));
        assertThat(missingBody.getErrorCode()).isEqualTo("MissingParameter");
        assertThat(attribute(queue, "ApproximateNumberOfMessages")).as("nothing was stored").isEqualTo("0");
    }

    @Test
    void sendMessageBatchAnswersPerEntryWithPartialFailures() {
        String queue = newQueue("v1-batch");
        SendMessageBatchResult result = sqs.sendMessageBatch(new SendMessageBatchRequest(queue, List.of(
                new SendMessageBatchRequestEntry("a", "first"),
                new SendMessageBatchRequestEntry("b", "bad \u0001"),
                new SendMessageBatchRequestEntry("c", "third").withDelaySeconds(0)
                        .withMessageAttributes(Map.of("k", string("String", "v"), "b", binary("Binary", new byte[] {7}))),
                new SendMessageBatchRequestEntry("d", "too late").withDelaySeconds(901))));

        assertThat(result.getSuccessful()).extracting(SendMessageBatchResultEntry::getId).containsExactly("a", "c");
        assertThat(result.getSuccessful().get(1).getMD5OfMessageAttributes()).hasSize(32);
        assertThat(result.getSuccessful().get(0).getMD5OfMessageBody()).isEqualTo(md5Hex("first"));
        assertThat(result.getFailed()).extracting(BatchResultErrorEntry::getId).containsExactlyInAnyOrder("b", "d");
        assertThat(result.getFailed()).allSatisfy(f -> {
            assertThat(f.getSenderFault()).isTrue();
            assertThat(f.getMessage()).isNotBlank();
        });
        assertThat(result.getFailed()).filteredOn(f -> f.getId().equals("b")).singleElement()
                .satisfies(f -> assertThat(f.getCode()).isEqualTo("InvalidMessageContents"));
        assertThat(result.getFailed()).filteredOn(f -> f.getId().equals("d")).singleElement()
                .satisfies(f -> assertThat(f.getCode()).isEqualTo("InvalidParameterValue"));
        assertThat(sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)).getMessages())
                .extracting(Message::getBody).containsExactlyInAnyOrder("first", "third");

        List<SendMessageBatchRequestEntry> eleven = IntStream.range(0, 11)
                .mapToObj(i -> new SendMessageBatchRequestEntry("e" + i, "m")).toList();
        TooManyEntriesInBatchRequestException tooMany = catchThrowableOfType(TooManyEntriesInBatchRequestException.class,
                () -> sqs.sendMessageBatch(queue, eleven));
        assertThat(tooMany.getErrorCode()).isEqualTo("AWS.SimpleQueueService.TooManyEntriesInBatchRequest");
        EmptyBatchRequestException empty = catchThrowableOfType(EmptyBatchRequestException.class,
                () -> sqs.sendMessageBatch(queue, List.of()));
        assertThat(empty.getErrorCode()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
        BatchEntryIdsNotDistinctException same = catchThrowableOfType(BatchEntryIdsNotDistinctException.class,
                () -> sqs.sendMessageBatch(queue, List.of(new SendMessageBatchRequestEntry("same", "1"),
                        new SendMessageBatchRequestEntry("same", "2"))));
        assertThat(same.getErrorCode()).isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
        InvalidBatchEntryIdException badId = catchThrowableOfType(InvalidBatchEntryIdException.class,
                () -> sqs.sendMessageBatch(queue, List.of(new SendMessageBatchRequestEntry("no spaces", "1"))));
        assertThat(badId.getErrorCode()).isEqualTo("AWS.SimpleQueueService.InvalidBatchEntryId");
    }

    @Test
    void receiveTakesUpToTenAndHonoursItsVisibilityTimeout() {
        String queue = newQueue("v1-recv");
        for (int batch = 0; batch < 2; batch++) {
            int b = batch;
            sqs.sendMessageBatch(queue, IntStream.range(0, 6)
                    .mapToObj(i -> new SendMessageBatchRequestEntry("m" + i, b + "-" + i)).toList());
        }
        assertThat(sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10).withVisibilityTimeout(0))
                .getMessages()).hasSize(10);
        List<Message> locked = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                .withVisibilityTimeout(1).withAttributeNames("ApproximateReceiveCount")).getMessages();
        assertThat(locked).as("visibility 0 left them receivable").hasSize(10);
        List<Message> rest = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                .withVisibilityTimeout(60)).getMessages();
        assertThat(rest).as("the ten are locked for a second").hasSize(2);

        // After the one-second lock the same ten come back, received once more.
        List<Message> again = new ArrayList<>();
        await("the 1-second locks to end").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            again.addAll(sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                    .withVisibilityTimeout(60).withAttributeNames("ApproximateReceiveCount")).getMessages());
            return again.size() >= 10;
        });
        assertThat(again).extracting(Message::getMessageId)
                .containsExactlyInAnyOrderElementsOf(locked.stream().map(Message::getMessageId).toList());
        Map<String, Integer> countBefore = new TreeMap<>();
        locked.forEach(m -> countBefore.put(m.getMessageId(), Integer.parseInt(m.getAttributes().get("ApproximateReceiveCount"))));
        assertThat(again).allSatisfy(m -> assertThat(Integer.parseInt(m.getAttributes().get("ApproximateReceiveCount")))
                .isEqualTo(countBefore.get(m.getMessageId()) + 1));

        AmazonServiceException eleven = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(11)));
        assertThat(eleven.getErrorCode()).isEqualTo("InvalidParameterValue");
        AmazonServiceException longWait = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.receiveMessage(new ReceiveMessageRequest(queue).withWaitTimeSeconds(21)));
        assertThat(longWait.getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void longPollWaitsForAMessageAndOtherwiseForItsWholeWait() throws Exception {
        String empty = newQueue("v1-wait");
        long start = System.nanoTime();
        assertThat(sqs.receiveMessage(new ReceiveMessageRequest(empty).withWaitTimeSeconds(1)).getMessages()).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited about a second").isBetween(800L, 10_000L);

        String queue = newQueue("v1-poll");
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(new ReceiveMessageRequest(queue).withWaitTimeSeconds(15)).getMessages());
        Thread.sleep(500);
        assertThat(poll).as("still waiting before anything was sent").isNotDone();
        long sentAt = System.nanoTime();
        sqs.sendMessage(queue, "worth the wait");
        List<Message> got = poll.get(10, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - sentAt) / 1_000_000).as("answered on arrival, not at the end of the wait").isLessThan(5_000L);
        assertThat(got).extracting(Message::getBody).containsExactly("worth the wait");
    }

    @Test
    void changeVisibilityAndBatchesOfDeletesAndChanges() {
        String queue = newQueue("v1-vis");
        sqs.sendMessageBatch(queue, IntStream.range(0, 3).mapToObj(i -> new SendMessageBatchRequestEntry("m" + i, "v" + i)).toList());
        List<Message> got = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)
                .withVisibilityTimeout(300)).getMessages();
        assertThat(got).hasSize(3);

        sqs.changeMessageVisibility(queue, got.get(0).getReceiptHandle(), 0);
        assertThat(sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10).withVisibilityTimeout(300))
                .getMessages()).extracting(Message::getBody).containsExactly(got.get(0).getBody());

        ChangeMessageVisibilityBatchResult changed = sqs.changeMessageVisibilityBatch(queue, List.of(
                new ChangeMessageVisibilityBatchRequestEntry("ok", got.get(1).getReceiptHandle()).withVisibilityTimeout(0),
                new ChangeMessageVisibilityBatchRequestEntry("bad", "garbage").withVisibilityTimeout(0),
                new ChangeMessageVisibilityBatchRequestEntry("range", got.get(2).getReceiptHandle()).withVisibilityTimeout(43_201)));
        assertThat(changed.getSuccessful()).extracting(ChangeMessageVisibilityBatchResultEntry::getId).containsExactly("ok");
        assertThat(changed.getFailed()).extracting(BatchResultErrorEntry::getId).containsExactlyInAnyOrder("bad", "range");
        assertThat(changed.getFailed()).filteredOn(f -> f.getId().equals("bad")).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo("ReceiptHandleIsInvalid");
            assertThat(f.getSenderFault()).isTrue();
        });

        List<Message> again = sqs.receiveMessage(new ReceiveMessageRequest(queue).withMaxNumberOfMessages(10)).getMessages();
        assertThat(again).extracting(Message::getBody).containsExactly(got.get(1).getBody());
        DeleteMessageBatchResult deleted = sqs.deleteMessageBatch(queue, List.of(
                new DeleteMessageBatchRequestEntry("fresh", again.getFirst().getReceiptHandle()),
                new DeleteMessageBatchRequestEntry("mine", got.get(2).getReceiptHandle()),
                new DeleteMessageBatchRequestEntry("stale", got.get(1).getReceiptHandle()),
                new DeleteMessageBatchRequestEntry("forged", "garbage")));
        // As in AWS for standard queues, a stale handle is a success that deletes nothing.
        assertThat(deleted.getSuccessful()).extracting(DeleteMessageBatchResultEntry::getId)
                .containsExactlyInAnyOrder("fresh", "mine", "stale");
        assertThat(deleted.getFailed()).singleElement().satisfies(f -> {
            assertThat(f.getId()).isEqualTo("forged");
            assertThat(f.getCode()).isEqualTo("ReceiptHandleIsInvalid");
        });
        // got.get(0) is still locked for 300 s by the second receive; the other two are gone.
        assertThat(attribute(queue, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
        assertThat(attribute(queue, "ApproximateNumberOfMessages")).isEqualTo("0");
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
