package io.opencmq.it.sqs;

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
 * The AWS SDK for Java v2 SQS client (JSON protocol), pointed at a test server and signing
 * with the server's CMQ key pair (access key id = SecretId). Retries are off so that an error
 * shows at once and a test never waits on back-off.
 */
final class SqsClients {

    private SqsClients() {
    }

    static SqsClient client(TestServer server) {
        return client(server, TestServer.CREDENTIALS, Region.US_EAST_1);
    }

    static SqsClient client(TestServer server, Credentials credentials, Region region) {
        return SqsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.secretId(), credentials.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(40)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(45))
                        .build())
                .build();
    }
}
