package io.opencmq.it.sqs.v1;

import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TagQueue through the AWS SDK for Java v1. The SDK's query serialization names TagQueue's map
 * {@code Tags.N.Key} / {@code Tags.N.Value} (CreateQueue's is {@code Tag.N.Key}): both spellings
 * come from AWS's own SQS model, so a server must take both.
 */
class SqsV1TagQueueTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static AmazonSQS sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsV1Clients::client, AmazonSQS::shutdown);
    }

    @Test
    void tagQueueAddsAndOverwritesTags() {
        String queue = sqs.createQueue(new CreateQueueRequest(QueueNames.unique("v1-tagq"))
                .withTags(Map.of("team", "core", "cost-centre", "42"))).getQueueUrl();
        sqs.tagQueue(queue, Map.of("env", "test", "team", "platform"));
        assertThat(sqs.listQueueTags(queue).getTags())
                .containsOnly(Map.entry("env", "test"), Map.entry("team", "platform"), Map.entry("cost-centre", "42"));
        sqs.untagQueue(queue, List.of("team", "cost-centre"));
        assertThat(sqs.listQueueTags(queue).getTags()).containsOnly(Map.entry("env", "test"));
    }
}
