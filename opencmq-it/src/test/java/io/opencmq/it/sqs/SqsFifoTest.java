package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.opencmq.it.sqs.SqsTestQueues.group;
import static io.opencmq.it.sqs.SqsTestQueues.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * FIFO queues through the AWS SDK for Java v2 against the real server, judged against Amazon's
 * SQS documentation: creation rules, strict order per message group, a group blocked while one
 * of its messages is in flight (and only that group), deduplication for five minutes (explicit,
 * content-based, per queue or per group), sequence numbers, ReceiveRequestAttemptId, the FIFO
 * system attributes, the FIFO-only refusals, and FIFO dead-letter queues.
 */
class SqsFifoTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
    }

    private static SendMessageResponse send(String queue, String group, String dedup, String body) {
        return sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId(group).messageDeduplicationId(dedup).messageBody(body));
    }

    private static List<Message> receive(String queue, int max, int visibility) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(max).visibilityTimeout(visibility)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static void delete(String queue, Message m) {
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
    }

    private static String errorCode(Runnable call) {
        return catchThrowableOfType(SqsException.class, call::run).awsErrorDetails().errorCode();
    }

    @Test
    void aFifoQueueNeedsBothTheAttributeAndTheSuffix() {
        String name = QueueNames.unique("fifo-create") + ".fifo";
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl();
        assertThat(url).isEqualTo(server.get().endpoint() + "/000000000000/" + name);
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "false");
        assertThat(sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl())
                .as("creating it again with the same attributes answers its URL").isEqualTo(url);
        assertThat(catchThrowableOfType(QueueNameExistsException.class, () -> sqs.createQueue(r -> r.queueName(name)
                .attributesWithStrings(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true")))))
                .as("same name, different attributes").isNotNull();

        assertThat(errorCode(() -> sqs.createQueue(r -> r.queueName(QueueNames.unique("suffix-only") + ".fifo"))))
                .as(".fifo name without FifoQueue=true").isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> sqs.createQueue(r -> r.queueName(QueueNames.unique("attribute-only"))
                .attributesWithStrings(Map.of("FifoQueue", "true")))))
                .as("FifoQueue=true without the .fifo suffix").isEqualTo("InvalidParameterValue");
        // AWS answers InvalidAttributeName ("Unknown Attribute ContentBasedDeduplication") on a standard queue.
        assertThat(catchThrowableOfType(InvalidAttributeNameException.class, () -> sqs.createQueue(r -> r
                .queueName(QueueNames.unique("std-cbd")).attributesWithStrings(Map.of("ContentBasedDeduplication", "true")))))
                .as("FIFO-only attribute on a standard queue").isNotNull();
    }

    @Test
    void orderIsStrictPerGroupWithConcurrentConsumers() throws Exception {
        String queue = SqsTestQueues.fifo(sqs, "fifo-order");
        int groups = 8;
        int perGroup = 25;
        // Groups interleaved in send order, so any cross-group reordering by the server is visible.
        List<SendMessageBatchRequestEntry> all = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            for (int g = 0; g < groups; g++) {
                all.add(SendMessageBatchRequestEntry.builder().id("g" + g + "i" + i).messageGroupId("group-" + g)
                        .messageDeduplicationId("d-" + g + "-" + i).messageBody(g + ":" + i).build());
            }
        }
        for (int from = 0; from < all.size(); from += 10) {
            List<SendMessageBatchRequestEntry> chunk = all.subList(from, from + 10);
            assertThat(sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(chunk)).failed()).isEmpty();
        }

        // Each consumer records a message the moment it is received, before deleting it: the next
        // message of that group cannot be handed out before the delete, so per group the recorded
        // order is the delivery order.
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        int expected = groups * perGroup;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(consumers.submit(() -> {
                    while (total.get() < expected && System.nanoTime() < deadline) {
                        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                                .visibilityTimeout(60).waitTimeSeconds(1)).messages();
                        for (Message m : got) {
                            String[] parts = m.body().split(":");
                            List<Integer> list = seen.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>());
                            synchronized (list) {
                                list.add(Integer.parseInt(parts[1]));
                            }
                            total.incrementAndGet();
                        }
                        if (!got.isEmpty()) {
                            List<DeleteMessageBatchRequestEntry> deletes = IntStream.range(0, got.size())
                                    .mapToObj(i -> DeleteMessageBatchRequestEntry.builder().id("d" + i)
                                            .receiptHandle(got.get(i).receiptHandle()).build()).toList();
                            assertThat(sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(deletes)).failed()).isEmpty();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            consumers.shutdownNow();
        }

        List<Integer> inOrder = IntStream.range(0, perGroup).boxed().toList();
        assertThat(seen).hasSize(groups);
        seen.forEach((g, list) -> assertThat(list).as("group %d: every message once, in send order", g).isEqualTo(inOrder));
    }

    @Test
    void aGroupWaitsWhileOneOfItsMessagesIsInFlightAndOtherGroupsDoNot() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-block");
        send(queue, "A", "a1", "a1");
        send(queue, "A", "a2", "a2");
        send(queue, "B", "b1", "b1");

        assertThat(receive(queue, 1, 60)).extracting(Message::body).containsExactly("a1");
        Message b1 = receive(queue, 10, 60).getFirst();
        assertThat(b1.body()).as("A is blocked by a1 in flight, B is not").isEqualTo("b1");
        assertThat(receive(queue, 10, 60)).as("A blocked, B's only message in flight").isEmpty();

        delete(queue, b1);
        assertThat(receive(queue, 10, 60)).as("deleting B's message does not unblock A").isEmpty();
    }

    @Test
    void aBlockedGroupOpensOnDeleteOnExpiryAndOnVisibilityZero() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-unblock");
        send(queue, "G", "x1", "x1");
        send(queue, "G", "x2", "x2");

        Message first = receive(queue, 1, 1).getFirst();
        assertThat(first.body()).isEqualTo("x1");
        assertThat(receive(queue, 10, 60)).as("x2 waits behind x1 in flight").isEmpty();

        // Visibility expiry: x1 comes back, ahead of x2.
        List<Message> again = new ArrayList<>();
        await("x1 to come back after its 1 s visibility timeout").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    again.clear();
                    again.addAll(receive(queue, 1, 60));
                    return !again.isEmpty();
                });
        assertThat(again.getFirst().body()).isEqualTo("x1");
        assertThat(again.getFirst().attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");

        // ChangeMessageVisibility to 0: x1 is receivable at once, still ahead of x2.
        sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(again.getFirst().receiptHandle()).visibilityTimeout(0));
        Message third = receive(queue, 1, 60).getFirst();
        assertThat(third.body()).isEqualTo("x1");

        // Delete: the group moves on to x2.
        delete(queue, third);
        assertThat(receive(queue, 10, 60)).extracting(Message::body).containsExactly("x2");
    }

    @Test
    void oneReceiveMayReturnSeveralMessagesOfAGroupInOrder() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-several");
        List<SendMessageResponse> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(queue, "G", "s" + i, "m" + i));
        }
        List<Message> got = receive(queue, 10, 60);
        assertThat(got).extracting(Message::body).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(got).extracting(Message::messageId).containsExactlyElementsOf(sent.stream().map(SendMessageResponse::messageId).toList());
        assertThat(got).extracting(SqsTestQueues::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(receive(queue, 10, 60)).as("the whole group is in flight").isEmpty();
    }

    @Test
    void aLongBlockedGroupDoesNotHideOtherGroups() {
        // More messages of group A than the server keeps ready in memory (256), then one of B:
        // while A is blocked, B must still be found.
        String queue = SqsTestQueues.fifo(sqs, "fifo-backlog");
        for (int batch = 0; batch < 40; batch++) {
            int b = batch;
            assertThat(sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(IntStream.range(0, 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageGroupId("A")
                            .messageDeduplicationId("a-" + b + "-" + i).messageBody("a").build()).toList())).failed()).isEmpty();
        }
        send(queue, "B", "b", "b");

        List<Message> firstTen = receive(queue, 10, 60);
        assertThat(firstTen).hasSize(10).allSatisfy(m -> assertThat(group(m)).isEqualTo("A"));
        assertThat(receive(queue, 10, 60)).as("400 messages of blocked group A ahead of B")
                .extracting(Message::body).containsExactly("b");
    }

    @Test
    void duplicatesWithinFiveMinutesAnswerTheFirstCopyEvenAfterItWasDeleted() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-dedup");
        SendMessageResponse first = send(queue, "G", "same-id", "original");
        assertThat(first.sequenceNumber()).matches("[0-9]+");
        SendMessageResponse duplicate = send(queue, "G", "same-id", "a different body");
        assertThat(duplicate.messageId()).isEqualTo(first.messageId());
        assertThat(duplicate.sequenceNumber()).isEqualTo(first.sequenceNumber());
        SendMessageResponse otherGroup = send(queue, "H", "same-id", "other group, same id");
        assertThat(otherGroup.messageId()).as("scope is the queue by default").isEqualTo(first.messageId());

        Message only = receive(queue, 10, 60).getFirst();
        assertThat(only.body()).isEqualTo("original");
        delete(queue, only);
        SendMessageResponse afterDelete = send(queue, "G", "same-id", "after the delete");
        assertThat(afterDelete.messageId()).isEqualTo(first.messageId());
        assertThat(afterDelete.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(receive(queue, 10, 60)).as("nothing was stored by the duplicates").isEmpty();

        SendMessageResponse fresh = send(queue, "G", "new-id", "fresh");
        assertThat(new BigInteger(fresh.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));
    }

    @Test
    void contentBasedDeduplicationUsesTheBodysSha256() throws Exception {
        String queue = SqsTestQueues.fifo(sqs, "fifo-content", Map.of("ContentBasedDeduplication", "true"));
        SendMessageResponse first = sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("G").messageBody("same body"));
        SendMessageResponse second = sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("G").messageBody("same body")
                .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("attributes do not count").build())));
        assertThat(second.messageId()).isEqualTo(first.messageId());
        SendMessageResponse explicit = sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("G").messageBody("same body")
                .messageDeduplicationId("explicit-wins"));
        assertThat(explicit.messageId()).as("an explicit id overrides the content hash").isNotEqualTo(first.messageId());

        Message m = receive(queue, 1, 60).getFirst();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("same body".getBytes(StandardCharsets.UTF_8)));
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, sha256);

        String plain = SqsTestQueues.fifo(sqs, "fifo-nodedup");
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(plain).messageGroupId("G").messageBody("no id"))))
                .as("no MessageDeduplicationId and no ContentBasedDeduplication").isEqualTo("InvalidParameterValue");
    }

    @Test
    void deduplicationScopeMessageGroupDeduplicatesWithinEachGroupOnly() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-scope", Map.of("DeduplicationScope", "messageGroup"));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("DeduplicationScope", "messageGroup");
        String inA = send(queue, "A", "same", "a").messageId();
        String inB = send(queue, "B", "same", "b").messageId();
        assertThat(inB).isNotEqualTo(inA);
        assertThat(send(queue, "A", "same", "a again").messageId()).isEqualTo(inA);

        List<String> bodies = new ArrayList<>();
        receive(queue, 10, 60).forEach(m -> bodies.add(m.body()));
        assertThat(bodies).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void sendMessageBatchOnAFifoQueueNumbersEntriesInOrder() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-batch");
        SendMessageBatchResponse answer = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(IntStream.range(0, 10)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageGroupId("G")
                        .messageDeduplicationId("batch-" + i).messageBody("b" + i).build()).toList()));
        assertThat(answer.failed()).isEmpty();
        List<SendMessageBatchResultEntry> ok = answer.successful();
        assertThat(ok).extracting(SendMessageBatchResultEntry::id).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(ok).extracting(e -> new BigInteger(e.sequenceNumber())).isSorted().doesNotHaveDuplicates();

        List<Message> got = receive(queue, 10, 60);
        assertThat(got).extracting(Message::body).containsExactly("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
        assertThat(got).extracting(m -> m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER))
                .containsExactlyElementsOf(ok.stream().map(SendMessageBatchResultEntry::sequenceNumber).toList());

        // A batch entry that repeats a deduplication id answers the first copy's id.
        SendMessageBatchResponse repeat = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("again").messageGroupId("G").messageDeduplicationId("batch-3").messageBody("x").build()));
        assertThat(repeat.successful()).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo(ok.get(3).messageId());
            assertThat(e.sequenceNumber()).isEqualTo(ok.get(3).sequenceNumber());
        });
    }

    @Test
    void fifoParametersAreRefusedWhereAwsRefusesThem() {
        String fifo = SqsTestQueues.fifo(sqs, "fifo-refuse");
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(fifo).messageDeduplicationId("d").messageBody("no group"))))
                .isEqualTo("MissingParameter");
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(fifo).messageGroupId("G").messageDeduplicationId("d")
                .delaySeconds(5).messageBody("own delay")))).as("per-message DelaySeconds on a FIFO queue").isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(fifo).messageGroupId("g".repeat(129))
                .messageDeduplicationId("d").messageBody("long group")))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(fifo).messageGroupId("G")
                .messageDeduplicationId("d".repeat(129)).messageBody("long dedup id")))).isEqualTo("InvalidParameterValue");
        // MessageGroupId may hold letters, digits and ASCII punctuation only.
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(fifo).messageGroupId("gr\u00fcn")
                .messageDeduplicationId("d").messageBody("non-ASCII group")))).isEqualTo("InvalidParameterValue");

        String standard = SqsTestQueues.standard(sqs, "std-refuse", Map.of());
        assertThat(errorCode(() -> sqs.sendMessage(r -> r.queueUrl(standard).messageDeduplicationId("d").messageBody("x"))))
                .as("MessageDeduplicationId on a standard queue").isEqualTo("InvalidParameterValue");
        // A group id on a standard queue is accepted (AWS fair queues) and given back on receive.
        sqs.sendMessage(r -> r.queueUrl(standard).messageGroupId("tenant-1").messageBody("fair"));
        Message fair = receive(standard, 1, 60).getFirst();
        assertThat(group(fair)).isEqualTo("tenant-1");
    }

    @Test
    void receiveRequestAttemptIdRepeatsTheSameMessagesAndHandles() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-attempt");
        for (int i = 0; i < 3; i++) {
            send(queue, "G", "r" + i, "r" + i);
        }
        List<Message> first = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(60)
                .receiveRequestAttemptId("attempt-1")).messages();
        assertThat(first).extracting(Message::body).containsExactly("r0", "r1", "r2");
        List<Message> retry = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(60)
                .receiveRequestAttemptId("attempt-1")).messages();
        assertThat(retry).extracting(Message::messageId).containsExactlyElementsOf(first.stream().map(Message::messageId).toList());
        assertThat(retry).extracting(Message::receiptHandle).containsExactlyElementsOf(first.stream().map(Message::receiptHandle).toList());
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).receiveRequestAttemptId("attempt-2")).messages())
                .as("a different attempt id is a new receive; the group is in flight").isEmpty();
        // The repeated handles are live: they delete.
        retry.forEach(m -> delete(queue, m));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void fifoSystemAttributesAreReturnedAllOrByName() {
        String queue = SqsTestQueues.fifo(sqs, "fifo-attrs");
        SendMessageResponse sent = send(queue, "orders-42", "dedup-7", "with attributes");

        Message all = receive(queue, 1, 0).getFirst();
        assertThat(all.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "orders-42")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "dedup-7")
                .containsEntry(MessageSystemAttributeName.SEQUENCE_NUMBER, sent.sequenceNumber())
                .containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);

        Message some = sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0).messageSystemAttributeNames(
                MessageSystemAttributeName.SEQUENCE_NUMBER, MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages().getFirst();
        assertThat(some.attributes()).containsOnlyKeys(MessageSystemAttributeName.SEQUENCE_NUMBER, MessageSystemAttributeName.MESSAGE_GROUP_ID);

        Message none = sqs.receiveMessage(r -> r.queueUrl(queue)).messages().getFirst();
        assertThat(none.attributes()).isEmpty();
    }

    @Test
    void aFifoQueuesDeadLetterQueueMustBeFifoAndKeepsTheGroup() {
        String fifoDlq = SqsTestQueues.fifo(sqs, "fifo-dlq");
        String standardDlq = SqsTestQueues.standard(sqs, "std-dlq", Map.of());
        String fifoDlqArn = SqsTestQueues.arn(sqs, fifoDlq);
        String standardDlqArn = SqsTestQueues.arn(sqs, standardDlq);

        assertThat(errorCode(() -> SqsTestQueues.fifo(sqs, "fifo-to-std",
                Map.of("RedrivePolicy", SqsTestQueues.redrivePolicy(standardDlqArn, 1)))))
                .as("FIFO source, standard dead-letter queue").isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> SqsTestQueues.standard(sqs, "std-to-fifo",
                Map.of("RedrivePolicy", SqsTestQueues.redrivePolicy(fifoDlqArn, 1)))))
                .as("standard source, FIFO dead-letter queue").isEqualTo("InvalidParameterValue");

        String source = SqsTestQueues.fifo(sqs, "fifo-src", Map.of("RedrivePolicy", SqsTestQueues.redrivePolicy(fifoDlqArn, 1)));
        send(source, "G", "dead-1", "dead-1");
        send(source, "G", "dead-2", "dead-2");
        SqsTestQueues.driveToDeadLetters(sqs, source, fifoDlq, 2);

        List<Message> dead = receive(fifoDlq, 10, 60);
        assertThat(dead).extracting(Message::body).containsExactly("dead-1", "dead-2");
        assertThat(dead).allSatisfy(m -> {
            assertThat(group(m)).isEqualTo("G");
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, SqsTestQueues.arn(sqs, source));
        });
    }
}
