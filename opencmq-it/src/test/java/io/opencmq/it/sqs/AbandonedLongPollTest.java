package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer that closes its connection during a long poll (a worker stopped for a deploy)
 * must not take the next message with it: without the server noticing, the message would be
 * locked for its visibility timeout for a receive nobody reads.
 */
class AbandonedLongPollTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;
    static SignedQueryClient query;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
        query = new SignedQueryClient(server.get().endpoint(), TestServer.CREDENTIALS);
    }

    @Test
    void aMessageSentAfterALongPollersConnectionClosedGoesToTheNextReceiver() throws Exception {
        String name = QueueNames.unique("abandoned");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        URI poll = query.presignedUri(List.of(entry("Action", "ReceiveMessage"), entry("QueueUrl", url),
                entry("WaitTimeSeconds", "20"), entry("VisibilityTimeout", "600"), entry("Version", "2012-11-05")));
        try (Socket socket = new Socket(poll.getHost(), poll.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + poll.getRawPath() + "?" + poll.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + poll.getHost() + ":" + poll.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500); // parked on the server
        }
        Thread.sleep(500); // the server sees the connection close

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("next job"));
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)
                .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
        assertThat(got).as("not locked for 600 s by the abandoned receive").singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("next job"));
        assertThat(got.getFirst().attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1");
    }
}
