package io.opencmq.it.sqs.v1;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.retry.PredefinedRetryPolicies;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import io.opencmq.core.auth.Credentials;
import io.opencmq.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The AWS SDK for Java v1 SQS client (query protocol: form POST, XML answers), pointed at a
 * test server and signing with the server's key pair (access key id = SecretId). Retries are
 * off so that an error shows at once and a test never waits on back-off; the socket timeout
 * outlasts the longest long poll (20 s).
 */
final class SqsV1Clients {

    static final String REGION = "us-east-1";

    private SqsV1Clients() {
    }

    static AmazonSQS client(TestServer server, RequestHandler2... handlers) {
        return client(server, TestServer.CREDENTIALS, handlers);
    }

    static AmazonSQS client(TestServer server, Credentials credentials, RequestHandler2... handlers) {
        return AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(server.endpoint(), REGION))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(
                        credentials.secretId(), credentials.secretKey())))
                .withClientConfiguration(new ClientConfiguration()
                        .withRetryPolicy(PredefinedRetryPolicies.NO_RETRY_POLICY)
                        .withConnectionTimeout(5_000)
                        .withSocketTimeout(40_000)
                        .withClientExecutionTimeout(45_000))
                .withRequestHandlers(handlers)
                .build();
    }

    /** The AWS SDK for Java v2 client (JSON protocol), the other side of the cross-client tests. */
    static SqsClient jsonClient(TestServer server) {
        return SqsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
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

    static String arn(String queueName) {
        return "arn:aws:sqs:" + REGION + ":000000000000:" + queueName;
    }
}
