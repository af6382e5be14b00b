package io.opencmq.it.sqs;

import io.opencmq.core.auth.Credentials;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Queue management through the AWS SDK for Java v2 (JSON protocol) against the real server:
 * CreateQueue (idempotence and conflicts), GetQueueUrl, ListQueues with prefix and pages,
 * attributes, dead-letter queues, tags, purge, delete, and the errors the SDK turns into its
 * modeled exceptions.
 */
class SqsSdkQueueTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
    }

    private static String url(String name) {
        return server.get().endpoint() + "/000000000000/" + name;
    }

    @Test
    void createQueueIsIdempotentWithEqualAttributesAndRefusesDifferentOnes() {
        String name = QueueNames.unique("sqs-create");
        String first = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of("VisibilityTimeout", "45"))).queueUrl();
        String again = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of("VisibilityTimeout", "45"))).queueUrl();
        String bare = sqs.createQueue(r -> r.queueName(name)).queueUrl();

        assertThat(first).isEqualTo(url(name)).isEqualTo(again).isEqualTo(bare);
        QueueNameExistsException conflict = catchThrowableOfType(QueueNameExistsException.class,
                () -> sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of("VisibilityTimeout", "46"))));
        assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("QueueAlreadyExists");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()).isEqualTo(first);
    }

    @Test
    void missingQueuesAreQueueDoesNotExistWithTheQueryCompatibleCode() {
        QueueDoesNotExistException e = catchThrowableOfType(QueueDoesNotExistException.class,
                () -> sqs.getQueueUrl(r -> r.queueName("no-such-queue-anywhere")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(e.requestId()).isNotBlank();

        assertThatThrownBy(() -> sqs.getQueueAttributes(r -> r.queueUrl(url("no-such-queue-anywhere"))
                .attributeNames(QueueAttributeName.ALL))).isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.deleteQueue(r -> r.queueUrl(url("no-such-queue-anywhere"))))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void attributesCanBeSetAtCreationAndChangedAndReadOneByOneOrAll() {
        String name = QueueNames.unique("sqs-attrs");
        String queue = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of(
                "VisibilityTimeout", "60", "MessageRetentionPeriod", "3600", "MaximumMessageSize", "2048",
                "ReceiveMessageWaitTimeSeconds", "2", "DelaySeconds", "5"))).queueUrl();

        Map<String, String> all = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertThat(all).containsEntry("VisibilityTimeout", "60").containsEntry("MessageRetentionPeriod", "3600")
                .containsEntry("MaximumMessageSize", "2048").containsEntry("ReceiveMessageWaitTimeSeconds", "2")
                .containsEntry("DelaySeconds", "5").containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:" + name)
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp");
        long created = Long.parseLong(all.get("CreatedTimestamp"));
        assertThat(created).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);

        sqs.setQueueAttributes(r -> r.queueUrl(queue).attributesWithStrings(Map.of("VisibilityTimeout", "10", "DelaySeconds", "0")));
        Map<String, String> some = sqs.getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.DELAY_SECONDS)).attributesAsStrings();
        assertThat(some).containsOnly(Map.entry("VisibilityTimeout", "10"), Map.entry("DelaySeconds", "0"));

        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue)).attributes()).as("no names, no attributes").isEmpty();
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(queue)
                .attributesWithStrings(Map.of("NoSuchAttribute", "1")))).isInstanceOf(InvalidAttributeNameException.class);
        SqsException range = catchThrowableOfType(SqsException.class, () -> sqs.setQueueAttributes(r -> r.queueUrl(queue)
                .attributesWithStrings(Map.of("ReceiveMessageWaitTimeSeconds", "21"))));
        assertThat(range.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue");
    }

    @Test
    void regionOfTheSignatureNamesTheArn() {
        String name = QueueNames.unique("sqs-region");
        try (SqsClient tokyo = SqsClients.client(server.get(), TestServer.CREDENTIALS, Region.AP_NORTHEAST_1)) {
            String queue = tokyo.createQueue(r -> r.queueName(name)).queueUrl();
            assertThat(tokyo.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings()).containsEntry("QueueArn", "arn:aws:sqs:ap-northeast-1:000000000000:" + name);
        }
    }

    @Test
    void listQueuesFiltersByPrefixAndPages() {
        String prefix = QueueNames.unique("sqs-list");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String n = prefix + "-" + i;
            urls.add(sqs.createQueue(r -> r.queueName(n)).queueUrl());
        }
        sqs.createQueue(r -> r.queueName("other-" + prefix));

        assertThat(sqs.listQueues(r -> r.queueNamePrefix(prefix)).queueUrls()).containsExactlyElementsOf(urls);
        List<String> paged = new ArrayList<>();
        ListQueuesResponse page = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(2));
        int pages = 1;
        paged.addAll(page.queueUrls());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(2).nextToken(token));
            paged.addAll(page.queueUrls());
            pages++;
        }
        assertThat(paged).containsExactlyElementsOf(urls);
        assertThat(pages).isEqualTo(3);
        assertThat(sqs.listQueuesPaginator(r -> r.queueNamePrefix(prefix).maxResults(4)).queueUrls()).containsExactlyElementsOf(urls);
    }

    @Test
    void redrivePolicyMovesDeadLettersAndListsTheSources() {
        String dlqName = QueueNames.unique("sqs-dlq");
        String dlq = sqs.createQueue(r -> r.queueName(dlqName)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
        String policy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}";
        String source = sqs.createQueue(r -> r.queueName(QueueNames.unique("sqs-src"))
                .attributesWithStrings(Map.of("RedrivePolicy", policy, "VisibilityTimeout", "1"))).queueUrl();

        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(source).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributesAsStrings().get("RedrivePolicy"))
                .isEqualTo("{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}");
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls()).containsExactly(source);

        sqs.sendMessage(r -> r.queueUrl(source).messageBody("doomed"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source).waitTimeSeconds(1)).messages()).hasSize(1);
        // The lock expires after 1 s; the next receive from the source moves the message to the dead-letter queue.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source).waitTimeSeconds(3)).messages()).isEmpty();
        var moved = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(2)).messages();
        assertThat(moved).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("doomed"));

        sqs.setQueueAttributes(r -> r.queueUrl(source).attributesWithStrings(Map.of("RedrivePolicy", "")));
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls()).isEmpty();
        // Removing it again, when there is none, is a no-op as well.
        sqs.setQueueAttributes(r -> r.queueUrl(source).attributesWithStrings(Map.of("RedrivePolicy", "")));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(source).attributeNamesWithStrings("RedrivePolicy"))
                .attributesAsStrings()).doesNotContainKey("RedrivePolicy");

        SqsException missing = catchThrowableOfType(SqsException.class, () -> sqs.setQueueAttributes(r -> r.queueUrl(source)
                .attributesWithStrings(Map.of("RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope-dlq\",\"maxReceiveCount\":3}"))));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void redriveAllowPolicyDecidesWhichSourcesMayUseADeadLetterQueue() {
        String dlqName = QueueNames.unique("sqs-guarded");
        String dlq = sqs.createQueue(r -> r.queueName(dlqName).attributesWithStrings(
                Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"))).queueUrl();
        String policy = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:" + dlqName + "\",\"maxReceiveCount\":3}";

        SqsException denied = catchThrowableOfType(SqsException.class, () -> sqs.createQueue(r -> r
                .queueName(QueueNames.unique("sqs-denied")).attributesWithStrings(Map.of("RedrivePolicy", policy))));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");

        String allowed = QueueNames.unique("sqs-allowed");
        sqs.setQueueAttributes(r -> r.queueUrl(dlq).attributesWithStrings(Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"arn:aws:sqs:us-east-1:000000000000:" + allowed + "\"]}")));
        sqs.createQueue(r -> r.queueName(allowed).attributesWithStrings(Map.of("RedrivePolicy", policy)));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.ALL)).attributesAsStrings()
                .get("RedriveAllowPolicy")).contains("byQueue");
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String queue = sqs.createQueue(r -> r.queueName(QueueNames.unique("sqs-tags")).tags(Map.of("team", "core"))).queueUrl();
        sqs.tagQueue(r -> r.queueUrl(queue).tags(Map.of("env", "test", "team", "platform")));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(queue)).tags()).containsOnly(Map.entry("env", "test"), Map.entry("team", "platform"));
        sqs.untagQueue(r -> r.queueUrl(queue).tagKeys("team", "absent"));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(queue)).tags()).containsOnly(Map.entry("env", "test"));
    }

    @Test
    void purgeEmptiesAndDeleteRemovesTheQueue() {
        String name = QueueNames.unique("sqs-purge");
        String queue = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("one"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("two"));
        sqs.purgeQueue(r -> r.queueUrl(queue));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue)).messages()).isEmpty();

        sqs.deleteQueue(r -> r.queueUrl(queue));
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName(name))).isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void theOneNameRuleOpencmqAddsIsTheReservedPrefix() {
        // SQS's own name rules (digits first, 80 characters, .fifo) are in SqsQueueNameTest.
        SqsException reserved = catchThrowableOfType(SqsException.class, () -> sqs.createQueue(r -> r.queueName("__mine")));
        assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(reserved.awsErrorDetails().errorMessage()).contains("__");
    }

    @Test
    void wrongKeysAreRefusedWithTheSignatureErrors() {
        try (SqsClient stranger = SqsClients.client(server.get(), new Credentials("AKIDstranger", "x"), Region.US_EAST_1);
             SqsClient badSecret = SqsClients.client(server.get(), new Credentials(TestServer.CREDENTIALS.secretId(), "wrong"), Region.US_EAST_1)) {
            SqsException unknown = catchThrowableOfType(SqsException.class, stranger::listQueues);
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(unknown.statusCode()).isEqualTo(403);
            SqsException mismatch = catchThrowableOfType(SqsException.class, badSecret::listQueues);
            assertThat(mismatch.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
    }
}
