package io.opencmq.it.sqs.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.AddPermissionRequest;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.InvalidAttributeNameException;
import com.amazonaws.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import com.amazonaws.services.sqs.model.ListQueuesRequest;
import com.amazonaws.services.sqs.model.ListQueuesResult;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.PurgeQueueRequest;
import com.amazonaws.services.sqs.model.QueueDoesNotExistException;
import com.amazonaws.services.sqs.model.QueueNameExistsException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.UnsupportedOperationException;
import io.opencmq.core.auth.Credentials;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Queue management through the AWS SDK for Java v1 (query protocol: form-encoded POSTs, XML
 * answers) against the real server: that the SDK really speaks the query protocol, CreateQueue
 * (attributes, idempotence, conflicts), GetQueueUrl, ListQueues, attributes and dead-letter
 * queues, tags, purge, delete, and the error codes as the v1 SDK parses them from the XML.
 */
class SqsV1QueueTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
    }

    private static String url(String name) {
        return server.get().endpoint() + "/000000000000/" + name;
    }

    private static Map<String, String> attributes(String queue, String... names) {
        return sqs.getQueueAttributes(new GetQueueAttributesRequest(queue).withAttributeNames(names)).getAttributes();
    }

    @Test
    void theSdkSpeaksTheQueryProtocolAndTheServerAnswersInXml() {
        WireLog log = new WireLog();
        AmazonSQS own = SqsV1Clients.client(server.get(), log);
        try {
            String queue = own.createQueue(QueueNames.unique("v1-wire")).getQueueUrl();
            own.sendMessage(queue, "over the wire");
            own.receiveMessage(queue);
            // Errors come back as XML too (the SDK parsed the code out of it to pick the class).
            QueueDoesNotExistException missing = catchThrowableOfType(QueueDoesNotExistException.class,
                    () -> own.getQueueUrl("v1-wire-no-such-queue"));
            assertThat(missing.getHttpHeaders().entrySet()).filteredOn(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                    .singleElement().satisfies(h -> assertThat(h.getValue()).startsWith("text/xml"));
        } finally {
            own.shutdown();
        }

        assertThat(log.exchanges()).extracting(WireLog.Exchange::action).containsExactly("CreateQueue", "SendMessage", "ReceiveMessage");
        assertThat(log.exchanges()).allSatisfy(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.requestContentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(e.amzTarget()).as("no JSON-protocol target header").isNull();
            assertThat(e.requestBody()).contains("Action=" + e.action()).contains("Version=2012-11-05");
            assertThat(e.responseContentType()).startsWith("text/xml");
        });
        assertThat(log.exchanges()).extracting(WireLog.Exchange::status).containsOnly(200);
    }

    @Test
    void createQueueWithAttributesIsIdempotentAndRefusesDifferentOnes() {
        String name = QueueNames.unique("v1-create");
        Map<String, String> given = Map.of("VisibilityTimeout", "45", "DelaySeconds", "2", "MaximumMessageSize", "4096",
                "MessageRetentionPeriod", "7200", "ReceiveMessageWaitTimeSeconds", "1");
        String first = sqs.createQueue(new CreateQueueRequest(name).withAttributes(given)).getQueueUrl();
        String again = sqs.createQueue(new CreateQueueRequest(name).withAttributes(given)).getQueueUrl();
        String bare = sqs.createQueue(name).getQueueUrl();

        assertThat(first).isEqualTo(url(name)).isEqualTo(again).isEqualTo(bare);
        assertThat(attributes(first, "All")).containsAllEntriesOf(given)
                .containsEntry("QueueArn", SqsV1Clients.arn(name))
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp");

        QueueNameExistsException conflict = catchThrowableOfType(QueueNameExistsException.class,
                () -> sqs.createQueue(new CreateQueueRequest(name).withAttributes(Map.of("VisibilityTimeout", "46"))));
        assertThat(conflict.getErrorCode()).isEqualTo("QueueAlreadyExists");
        assertThat(conflict.getStatusCode()).isEqualTo(400);
        assertThat(conflict.getErrorType()).isEqualTo(AmazonServiceException.ErrorType.Client);
        assertThat(sqs.getQueueUrl(name).getQueueUrl()).isEqualTo(first);
    }

    @Test
    void listQueuesFiltersByPrefixAndPages() {
        String prefix = QueueNames.unique("v1-list");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            urls.add(sqs.createQueue(prefix + "-" + i).getQueueUrl());
        }
        sqs.createQueue("other-" + prefix);

        assertThat(sqs.listQueues(prefix).getQueueUrls()).containsExactlyElementsOf(urls);
        assertThat(sqs.listQueues(prefix + "-nothing").getQueueUrls()).isEmpty();

        List<String> paged = new ArrayList<>();
        ListQueuesResult page = sqs.listQueues(new ListQueuesRequest(prefix).withMaxResults(2));
        paged.addAll(page.getQueueUrls());
        for (int pages = 1; page.getNextToken() != null; pages++) {
            assertThat(pages).as("pages of two for five queues").isLessThan(3);
            page = sqs.listQueues(new ListQueuesRequest(prefix).withMaxResults(2).withNextToken(page.getNextToken()));
            paged.addAll(page.getQueueUrls());
        }
        assertThat(paged).containsExactlyElementsOf(urls);
    }

    @Test
    void attributesAreSetAndReadByNameAndBadOnesAreRefused() {
        String queue = sqs.createQueue(QueueNames.unique("v1-attrs")).getQueueUrl();
        assertThat(attributes(queue, "All")).containsEntry("VisibilityTimeout", "30").containsEntry("DelaySeconds", "0");

        sqs.setQueueAttributes(queue, Map.of("VisibilityTimeout", "10", "DelaySeconds", "3"));
        assertThat(attributes(queue, "VisibilityTimeout", "DelaySeconds"))
                .containsOnly(Map.entry("VisibilityTimeout", "10"), Map.entry("DelaySeconds", "3"));
        assertThat(sqs.getQueueAttributes(new GetQueueAttributesRequest(queue)).getAttributes())
                .as("no names, no attributes").isEmpty();

        InvalidAttributeNameException unknown = catchThrowableOfType(InvalidAttributeNameException.class,
                () -> sqs.setQueueAttributes(queue, Map.of("NoSuchAttribute", "1")));
        assertThat(unknown.getErrorCode()).isEqualTo("InvalidAttributeName");
        assertThat(catchThrowableOfType(InvalidAttributeNameException.class, () -> attributes(queue, "NoSuchAttribute")))
                .isNotNull();
        AmazonServiceException range = catchThrowableOfType(AmazonServiceException.class,
                () -> sqs.setQueueAttributes(queue, Map.of("ReceiveMessageWaitTimeSeconds", "21")));
        assertThat(range.getErrorCode()).isEqualTo("InvalidAttributeValue");
        assertThat(attributes(queue, "ReceiveMessageWaitTimeSeconds")).as("nothing changed")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0");
    }

    @Test
    void redrivePolicyMovesDeadLettersWhichNameTheirSource() {
        String dlqName = QueueNames.unique("v1-dlq");
        String dlq = sqs.createQueue(dlqName).getQueueUrl();
        String policy = "{\"deadLetterTargetArn\":\"" + SqsV1Clients.arn(dlqName) + "\",\"maxReceiveCount\":\"1\"}";
        String sourceName = QueueNames.unique("v1-src");
        String source = sqs.createQueue(new CreateQueueRequest(sourceName)
                .withAttributes(Map.of("RedrivePolicy", policy))).getQueueUrl();

        assertThat(attributes(source, "RedrivePolicy")).containsEntry("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + SqsV1Clients.arn(dlqName) + "\",\"maxReceiveCount\":1}");
        assertThat(sqs.listDeadLetterSourceQueues(new ListDeadLetterSourceQueuesRequest().withQueueUrl(dlq)).getQueueUrls())
                .containsExactly(source);

        sqs.sendMessage(source, "doomed");
        // The first receive spends the one allowed receive; with visibility 0 the next one finds
        // the count spent and moves the message to the dead-letter queue.
        await("the message to reach the dead-letter queue").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    sqs.receiveMessage(new ReceiveMessageRequest(source).withVisibilityTimeout(0));
                    return attributes(dlq, "ApproximateNumberOfMessages").get("ApproximateNumberOfMessages").equals("1");
                });
        Message dead = sqs.receiveMessage(new ReceiveMessageRequest(dlq).withAttributeNames("All")).getMessages().getFirst();
        assertThat(dead.getBody()).isEqualTo("doomed");
        assertThat(dead.getAttributes()).containsEntry("DeadLetterQueueSourceArn", SqsV1Clients.arn(sourceName));

        sqs.setQueueAttributes(source, Map.of("RedrivePolicy", ""));
        assertThat(attributes(source, "All")).doesNotContainKey("RedrivePolicy");
        assertThat(sqs.listDeadLetterSourceQueues(new ListDeadLetterSourceQueuesRequest().withQueueUrl(dlq)).getQueueUrls()).isEmpty();

        AmazonServiceException missing = catchThrowableOfType(AmazonServiceException.class, () -> sqs.setQueueAttributes(source,
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + SqsV1Clients.arn("v1-nope-dlq") + "\",\"maxReceiveCount\":3}")));
        assertThat(missing.getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void tagsGivenOnCreateAreListedAndRemoved() {
        // TagQueue itself is in SqsV1TagQueueTest.
        String queue = sqs.createQueue(new CreateQueueRequest(QueueNames.unique("v1-tags"))
                .withTags(Map.of("team", "core", "cost-centre", "42"))).getQueueUrl();
        assertThat(sqs.listQueueTags(queue).getTags()).containsOnly(Map.entry("team", "core"), Map.entry("cost-centre", "42"));
        sqs.untagQueue(queue, List.of("team", "absent"));
        assertThat(sqs.listQueueTags(queue).getTags()).containsOnly(Map.entry("cost-centre", "42"));
    }

    @Test
    void purgeEmptiesAndDeleteRemovesTheQueue() {
        String name = QueueNames.unique("v1-purge");
        String queue = sqs.createQueue(name).getQueueUrl();
        sqs.sendMessage(queue, "one");
        sqs.sendMessage(queue, "two");
        sqs.receiveMessage(new ReceiveMessageRequest(queue).withVisibilityTimeout(60));
        sqs.purgeQueue(new PurgeQueueRequest(queue));
        assertThat(attributes(queue, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        assertThat(sqs.receiveMessage(queue).getMessages()).isEmpty();

        sqs.deleteQueue(queue);
        QueueDoesNotExistException gone = catchThrowableOfType(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(name));
        assertThat(gone.getErrorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(gone.getStatusCode()).isEqualTo(400);
        assertThat(gone.getErrorType()).isEqualTo(AmazonServiceException.ErrorType.Client);
        assertThat(gone.getRequestId()).isNotBlank();
        assertThat(gone.getErrorMessage()).isNotBlank();
        QueueDoesNotExistException byUrl = catchThrowableOfType(QueueDoesNotExistException.class, () -> sqs.sendMessage(queue, "x"));
        assertThat(byUrl.getErrorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(catchThrowableOfType(QueueDoesNotExistException.class, () -> sqs.deleteQueue(queue))).isNotNull();
    }

    @Test
    void permissionsAreAnUnsupportedOperationAndWrongKeysAreSignatureErrors() {
        String queue = sqs.createQueue(QueueNames.unique("v1-perm")).getQueueUrl();
        UnsupportedOperationException unsupported = catchThrowableOfType(UnsupportedOperationException.class,
                () -> sqs.addPermission(new AddPermissionRequest(queue, "label", List.of("123456789012"), List.of("SendMessage"))));
        assertThat(unsupported.getErrorCode()).isEqualTo("AWS.SimpleQueueService.UnsupportedOperation");

        AmazonSQS stranger = SqsV1Clients.client(server.get(), new Credentials("AKIDstranger", "x"));
        AmazonSQS badSecret = SqsV1Clients.client(server.get(), new Credentials(TestServer.CREDENTIALS.secretId(), "wrong"));
        try {
            AmazonServiceException unknown = catchThrowableOfType(AmazonServiceException.class, stranger::listQueues);
            assertThat(unknown.getErrorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(unknown.getStatusCode()).isEqualTo(403);
            AmazonServiceException mismatch = catchThrowableOfType(AmazonServiceException.class, badSecret::listQueues);
            assertThat(mismatch.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(mismatch.getStatusCode()).isEqualTo(403);
        } finally {
            stranger.shutdown();
            badSecret.shutdown();
        }
    }
}
