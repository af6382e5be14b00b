package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Small helpers shared by the FIFO, move-task and name tests: a client for any endpoint (a
 * {@link io.opencmq.it.support.ChildServer} has no {@link TestServer}), FIFO queue creation,
 * ARNs, redrive policies, and driving messages into a dead-letter queue.
 */
final class SqsTestQueues {

    private SqsTestQueues() {
    }

    /** As {@link SqsClients#client(TestServer)}, for a bare endpoint: us-east-1, test keys, no retries. */
    static SqsClient client(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.CREDENTIALS.secretId(), TestServer.CREDENTIALS.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(40)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(45))
                        .build())
                .build();
    }

    /** A new FIFO queue named {@code <prefix>-<unique>.fifo} with {@code extra} attributes; answers its URL. */
    static String fifo(SqsClient sqs, String prefix, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>(extra);
        attributes.put("FifoQueue", "true");
        return sqs.createQueue(r -> r.queueName(QueueNames.unique(prefix) + ".fifo").attributesWithStrings(attributes)).queueUrl();
    }

    static String fifo(SqsClient sqs, String prefix) {
        return fifo(sqs, prefix, Map.of());
    }

    static String standard(SqsClient sqs, String prefix, Map<String, String> attributes) {
        return sqs.createQueue(r -> r.queueName(QueueNames.unique(prefix)).attributesWithStrings(attributes)).queueUrl();
    }

    static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
    }

    static String redrivePolicy(String deadLetterArn, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    /** ApproximateNumberOfMessages (visible ones) of a queue. */
    static int visible(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
    }

    /** Sends {@code bodies} to a standard queue in batches of ten. */
    static void sendAll(SqsClient sqs, String queueUrl, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> chunk = bodies.subList(from, Math.min(bodies.size(), from + 10));
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, chunk.size())
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(chunk.get(i)).build()).toList();
            var answer = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!answer.failed().isEmpty()) {
                throw new AssertionError("batch send failed: " + answer.failed());
            }
        }
    }

    /**
     * Receives from {@code source} (whose RedrivePolicy has maxReceiveCount 1) with visibility 0
     * until {@code expected} messages sit in {@code deadLetters}: the first receive counts, the
     * next one finds the count spent and moves the message.
     */
    static void driveToDeadLetters(SqsClient sqs, String source, String deadLetters, int expected) {
        await("messages to reach the dead-letter queue").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    sqs.receiveMessage(r -> r.queueUrl(source).maxNumberOfMessages(10).visibilityTimeout(0));
                    return visible(sqs, deadLetters) >= expected;
                });
    }

    /** The SequenceNumber system attribute as a number (AWS documents it as a large decimal number). */
    static BigInteger sequence(Message m) {
        return new BigInteger(m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER));
    }

    static String group(Message m) {
        return m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }
}
