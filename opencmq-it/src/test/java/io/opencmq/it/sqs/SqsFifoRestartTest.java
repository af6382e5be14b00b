package io.opencmq.it.sqs;

import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIFO guarantees across restarts on the same data directory: a duplicate sent within the five
 * minute window after a restart (or a SIGKILL) still answers the first copy's id and sequence
 * number and stores nothing, whether that copy is still queued or was already deleted; order
 * and blocking per group still hold; sequence numbers keep growing. Locks live in memory (ADR 2),
 * so a message in flight at a kill is receivable again afterwards, still ahead of its group.
 */
class SqsFifoRestartTest {

    @TempDir
    Path temp;

    private static SendMessageResponse send(SqsClient sqs, String queue, String group, String dedup) {
        return sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId(group).messageDeduplicationId(dedup).messageBody(dedup));
    }

    private static List<Message> receive(SqsClient sqs, String queue, int max) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(max).visibilityTimeout(60)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void deduplicationOrderAndBlockingSurviveAnOrderlyRestart() {
        Path dataDir = temp.resolve("data");
        String queue;
        SendMessageResponse a1;
        SendMessageResponse a2;
        try (TestServer first = TestServer.start(dataDir); SqsClient sqs = SqsClients.client(first)) {
            queue = SqsTestQueues.fifo(sqs, "fifo-restart").replace(first.endpoint(), "");
            String url = first.endpoint() + queue;
            a1 = send(sqs, url, "A", "a1");
            a2 = send(sqs, url, "A", "a2");
            send(sqs, url, "A", "a3");
            send(sqs, url, "B", "b1");
            Message m = receive(sqs, url, 1).getFirst();
            assertThat(m.body()).isEqualTo("a1");
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        }

        try (TestServer second = TestServer.start(dataDir); SqsClient sqs = SqsClients.client(second)) {
            String url = second.endpoint() + queue;
            SendMessageResponse deletedAgain = send(sqs, url, "A", "a1");
            assertThat(deletedAgain.messageId()).as("duplicate of a message deleted before the restart").isEqualTo(a1.messageId());
            assertThat(deletedAgain.sequenceNumber()).isEqualTo(a1.sequenceNumber());
            SendMessageResponse queuedAgain = send(sqs, url, "A", "a2");
            assertThat(queuedAgain.messageId()).as("duplicate of a message still queued").isEqualTo(a2.messageId());
            assertThat(queuedAgain.sequenceNumber()).isEqualTo(a2.sequenceNumber());

            SendMessageResponse fresh = send(sqs, url, "C", "c1");
            assertThat(new BigInteger(fresh.sequenceNumber())).as("sequence numbers keep growing after a restart")
                    .isGreaterThan(new BigInteger(a2.sequenceNumber()));

            Message head = receive(sqs, url, 1).getFirst();
            assertThat(head.body()).isEqualTo("a2");
            assertThat(receive(sqs, url, 10)).as("A blocked by a2; the other groups' messages")
                    .extracting(Message::body).containsExactlyInAnyOrder("b1", "c1");
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(head.receiptHandle()));
            assertThat(receive(sqs, url, 10)).as("nothing of the duplicates was stored").extracting(Message::body).containsExactly("a3");
        }
    }

    @Test
    void deduplicationAndGroupOrderSurviveASigkill() {
        Path dataDir = temp.resolve("killed");
        String path;
        SendMessageResponse x1;
        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS);
             SqsClient sqs = SqsTestQueues.client(child.endpoint())) {
            String url = SqsTestQueues.fifo(sqs, "fifo-kill");
            path = url.substring(child.endpoint().length());
            x1 = send(sqs, url, "G", "x1");
            send(sqs, url, "G", "x2");
            Message inFlight = receive(sqs, url, 1).getFirst();
            assertThat(inFlight.body()).isEqualTo("x1");
            assertThat(receive(sqs, url, 10)).isEmpty();
            child.kill();
        }

        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS);
             SqsClient sqs = SqsTestQueues.client(child.endpoint())) {
            String url = child.endpoint() + path;
            SendMessageResponse again = send(sqs, url, "G", "x1");
            assertThat(again.messageId()).isEqualTo(x1.messageId());
            assertThat(again.sequenceNumber()).isEqualTo(x1.sequenceNumber());

            Message back = receive(sqs, url, 1).getFirst();
            assertThat(back.body()).as("the lock died with the process; x1 is first again").isEqualTo("x1");
            assertThat(receive(sqs, url, 10)).as("x2 waits behind x1").isEmpty();
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(back.receiptHandle()));
            assertThat(receive(sqs, url, 10)).extracting(Message::body).containsExactly("x2");
        }
    }
}
