package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Edge cases where opencmq once differed from documented SQS behaviour, against the real
 * server: message attribute data types and values, ReceiveRequestAttemptId on a standard
 * queue, tag lengths, characters and the reserved prefix, the move task's missing-queue
 * message, requests that name no SQS action, SqsManagedSseEnabled / Policy / KmsMasterKeyId
 * values, list paging without MaxResults, and query-protocol tags without a value.
 */
class SqsConformanceEdgeTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;
    static SignedQueryClient query;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
        query = new SignedQueryClient(server.get().endpoint(), TestServer.CREDENTIALS);
    }

    private static SqsException error(Runnable call) {
        return catchThrowableOfType(SqsException.class, call::run);
    }

    private static String queue(String prefix, Map<String, String> attributes) {
        return sqs.createQueue(r -> r.queueName(QueueNames.unique(prefix)).attributesWithStrings(attributes)).queueUrl();
    }

    @Test
    void aDataTypeWithACharacterSqsRefusesIsInvalidMessageContents() {
        String url = queue("edge-type", Map.of());
        SqsException e = error(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("b").messageAttributes(Map.of(
                "a", MessageAttributeValue.builder().dataType("String.\u0001").stringValue("v").build()))));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents");
        assertThat(e.statusCode()).isEqualTo(400);

        // A custom type in any script is fine, and comes back as sent.
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("b").messageAttributes(Map.of(
                "a", MessageAttributeValue.builder().dataType("String.été").stringValue("v").build())));
        var received = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")).messages();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().messageAttributes().get("a").dataType()).isEqualTo("String.été");
    }

    @Test
    void anAttributeWithBothAStringAndABinaryValueIsInvalidParameterValue() {
        String url = queue("edge-both", Map.of());
        for (String type : List.of("String", "Binary")) {
            SqsException e = error(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("b").messageAttributes(Map.of(
                    "a", MessageAttributeValue.builder().dataType(type).stringValue("1")
                            .binaryValue(SdkBytes.fromUtf8String("1")).build()))));
            assertThat(e.awsErrorDetails().errorCode()).as(type).isEqualTo("InvalidParameterValue");
            assertThat(e.awsErrorDetails().errorMessage()).contains("not both");
        }
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("nothing was sent").isEmpty();
    }

    @Test
    void receiveRequestAttemptIdIsIgnoredOnAStandardQueueAndCheckedOnAFifoQueue() {
        String standard = queue("edge-attempt", Map.of());
        sqs.sendMessage(r -> r.queueUrl(standard).messageBody("x"));
        var received = sqs.receiveMessage(r -> r.queueUrl(standard).receiveRequestAttemptId("not valid: spaces").waitTimeSeconds(1));
        assertThat(received.messages()).hasSize(1);

        String fifo = sqs.createQueue(r -> r.queueName(QueueNames.unique("edge-attempt") + ".fifo")
                .attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl();
        SqsException e = error(() -> sqs.receiveMessage(r -> r.queueUrl(fifo).receiveRequestAttemptId("not valid: spaces")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void tagLengthsCountCharactersAndTheCharactersAndPrefixFollowSqs() {
        String url = queue("edge-tags", Map.of());
        String key = "\uD835\uDC00".repeat(128); // 128 letters beyond the BMP, 256 UTF-16 units
        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of(key, "\uD835\uDC01".repeat(256), "team", "")));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsEntry(key, "\uD835\uDC01".repeat(256))
                .containsEntry("team", "");

        for (Map<String, String> bad : List.of(Map.of("aws:team", "x"), Map.of("AWS:team", "x"), Map.of("a*b", "x"),
                Map.of("k", "v#"), Map.of("k", "aws:v"), Map.of(key + "a", "x"))) {
            SqsException e = error(() -> sqs.tagQueue(r -> r.queueUrl(url).tags(bad)));
            assertThat(e.awsErrorDetails().errorCode()).as(bad.toString()).isEqualTo("InvalidParameterValue");
        }
        SqsException atCreate = error(() -> sqs.createQueue(r -> r.queueName(QueueNames.unique("edge-tags"))
                .tags(Map.of("aws:created-by", "me"))));
        assertThat(atCreate.awsErrorDetails().errorMessage()).contains("aws: is reserved");
    }

    @Test
    void aMissingMoveTaskQueueReadsAsOneSentence() {
        String dlq = queue("edge-move", Map.of());
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("QueueArn")).attributesAsStrings()
                .get("QueueArn");
        SqsException e = error(() -> sqs.startMessageMoveTask(r -> r.sourceArn(arn + "-nope")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        String message = e.awsErrorDetails().errorMessage();
        assertThat(message).contains(arn.substring(arn.lastIndexOf(':') + 1) + "-nope").doesNotContain("queue queue")
                .doesNotContain("does not exist does not exist");
    }

    @Test
    void signedQueryRequestsWithoutAnActionAreMissingAction() {
        String url = queue("edge-noaction", Map.of());
        String path = url.substring(server.get().endpoint().length());
        for (String target : List.of("/", path)) {
            SignedQueryClient.Answer answer = query.post(target, List.of(entry("Version", "2012-11-05")));
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.text("/ErrorResponse/Error/Code")).isEqualTo("MissingAction");
        }
    }

    @Test
    void anAwsJsonRequestForAnotherServiceIsUnknownOperation() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(server.get().endpoint() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(TestServer.CREDENTIALS.secretId(), TestServer.CREDENTIALS.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")).request();
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).contains("UnknownOperationException");
    }

    @Test
    void sqsManagedSseEnabledMustBeTrueOrFalse() {
        SqsException bad = error(() -> queue("edge-sse", Map.of("SqsManagedSseEnabled", "maybe")));
        assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue");
        SqsException on = error(() -> queue("edge-sse", Map.of("SqsManagedSseEnabled", "true")));
        assertThat(on.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.UnsupportedOperation");

        String url = queue("edge-sse", Map.of("SqsManagedSseEnabled", "false"));
        SqsException setBad = error(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributesWithStrings(Map.of("SqsManagedSseEnabled", "1"))));
        assertThat(setBad.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue");
    }

    @Test
    void anEmptyPolicyOrKmsKeyIsANoOpAndCreateStaysIdempotent() {
        String name = QueueNames.unique("edge-policy");
        Map<String, String> empty = Map.of("Policy", "", "KmsMasterKeyId", "");
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(empty)).queueUrl();
        assertThat(sqs.createQueue(r -> r.queueName(name).attributesWithStrings(empty)).queueUrl()).isEqualTo(url);
        assertThat(sqs.createQueue(r -> r.queueName(name)).queueUrl()).isEqualTo(url);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(empty));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("All")).attributesAsStrings())
                .doesNotContainKeys("Policy", "KmsMasterKeyId");

        SqsException policy = error(() -> sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", "{}"))));
        assertThat(policy.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.UnsupportedOperation");
        SqsException key = error(() -> sqs.createQueue(r -> r.queueName(QueueNames.unique("edge-policy"))
                .attributesWithStrings(Map.of("KmsMasterKeyId", "alias/aws/sqs"))));
        assertThat(key.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.UnsupportedOperation");
    }

    @Test
    void aNextTokenWithoutMaxResultsContinuesWithTheDefaultPage() {
        String prefix = QueueNames.unique("edge-page");
        for (String suffix : List.of("-a", "-b", "-c")) {
            sqs.createQueue(r -> r.queueName(prefix + suffix));
        }
        ListQueuesResponse first = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(1));
        assertThat(first.queueUrls()).hasSize(1);
        ListQueuesResponse rest = sqs.listQueues(r -> r.queueNamePrefix(prefix).nextToken(first.nextToken()));
        assertThat(rest.queueUrls()).hasSize(2).allMatch(u -> u.endsWith("-b") || u.endsWith("-c"));
        assertThat(rest.nextToken()).isNull();

        SqsException bad = error(() -> sqs.listQueues(r -> r.nextToken("%%%")));
        assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void aQueryTagWithoutItsValueHasTheEmptyValue() {
        String name = QueueNames.unique("edge-qtag");
        SignedQueryClient.Answer created = query.post("/", List.of(entry("Action", "CreateQueue"), entry("QueueName", name),
                entry("Tag.1.Key", "team"), entry("Tag.2.Key", "env"), entry("Tag.2.Value", "prod")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String url = created.text("/CreateQueueResponse/CreateQueueResult/QueueUrl");
        String path = url.substring(server.get().endpoint().length());
        SignedQueryClient.Answer tagged = query.post(path, List.of(entry("Action", "TagQueue"), entry("Tags.1.Key", "owner")));
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);

        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "", "env", "prod", "owner", ""));
    }
}
