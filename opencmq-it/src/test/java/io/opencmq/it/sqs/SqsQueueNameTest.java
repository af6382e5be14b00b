package io.opencmq.it.sqs;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Queue names by Amazon's rules (up to 80 characters of letters, digits, '-' and '_'; a FIFO
 * queue's ends in ".fifo", counted in the 80), and a queue-level VisibilityTimeout of 0, which
 * AWS allows and which leaves every received message receivable again at once.
 */
class SqsQueueNameTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
    }

    /** {@code start} + a unique part, padded with {@code pad} to exactly {@code length} characters (before {@code suffix}). */
    private static String name(String start, char pad, int length, String suffix) {
        String base = start + QueueNames.unique("n").replace('-', '_');
        assertThat(base.length()).isLessThan(length);
        return base + String.valueOf(pad).repeat(length - base.length()) + suffix;
    }

    private static void roundTrip(String name, Map<String, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
        assertThat(url).isEqualTo(server.get().endpoint() + "/000000000000/" + name);
        assertThat(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()).isEqualTo(url);
        assertThat(sqs.listQueues(r -> r.queueNamePrefix(name)).queueUrls()).containsExactly(url);
        assertThat(SqsTestQueues.arn(sqs, url)).isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + name);
        if (name.endsWith(".fifo")) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("in " + name).messageGroupId("g").messageDeduplicationId("d"));
        } else {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("in " + name));
        }
        Message m = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages().getFirst();
        assertThat(m.body()).isEqualTo("in " + name);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        sqs.deleteQueue(r -> r.queueUrl(url));
    }

    @Test
    void namesAwsAllowsWork() {
        String eighty = name("q", 'x', 80, "");
        assertThat(eighty).hasSize(80);
        roundTrip(eighty, Map.of());
        roundTrip(name("1digit", '0', 30, ""), Map.of());
        roundTrip(name("-hyphen", '-', 30, ""), Map.of());
        roundTrip(name("_under", '_', 30, ""), Map.of());
        roundTrip(name("MiXeD", 'Z', 20, ""), Map.of());
        String eightyFifo = name("f", 'y', 75, ".fifo");
        assertThat(eightyFifo).hasSize(80);
        roundTrip(eightyFifo, Map.of("FifoQueue", "true"));
        roundTrip("7", Map.of());
    }

    @Test
    void namesAwsRefusesAreInvalidParameterValue() {
        List<String> bad = List.of(
                name("q", 'x', 81, ""),
                name("f", 'y', 76, ".fifo"),
                "has space",
                "dot.in.name",
                "slash/name",
                "colon:name",
                "caf\u00e9",
                "star*");
        for (String name : bad) {
            Map<String, String> attributes = name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : Map.of();
            SqsException e = catchThrowableOfType(SqsException.class,
                    () -> sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)));
            assertThat(e).as("queue name \"%s\" (%d chars)", name, name.length()).isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).as("queue name \"%s\"", name).isEqualTo("InvalidParameterValue");
            assertThat(e.statusCode()).isEqualTo(400);
        }
        SqsException empty = catchThrowableOfType(SqsException.class, () -> sqs.createQueue(r -> r.queueName("")));
        assertThat(empty.awsErrorDetails().errorCode()).isIn("InvalidParameterValue", "MissingParameter");
    }

    @Test
    void aQueueWithVisibilityTimeoutZeroRedeliversAtOnce() {
        String queue = SqsTestQueues.standard(sqs, "vis-zero", Map.of("VisibilityTimeout", "0"));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributesAsStrings()).containsEntry("VisibilityTimeout", "0");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("again and again"));

        for (int i = 1; i <= 3; i++) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(got).as("receive %d, straight after the previous one", i).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("again and again");
            });
            assertThat(got.getFirst().attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(i));
        }

        String fifo = SqsTestQueues.fifo(sqs, "vis-zero", Map.of("VisibilityTimeout", "0"));
        sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f1").messageGroupId("g").messageDeduplicationId("f1"));
        sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f2").messageGroupId("g").messageDeduplicationId("f2"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(fifo)).messages()).extracting(Message::body).containsExactly("f1");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(fifo)).messages()).as("visibility 0 does not block the group")
                .extracting(Message::body).containsExactly("f1");
    }

    @Test
    void theLatestReceiptHandleOfAVisibilityZeroReceiveDeletes() {
        // AWS DeleteMessage: "you must provide the most recently received ReceiptHandle for the
        // message (otherwise, the request succeeds, but the message will not be deleted)". On a
        // standard queue with VisibilityTimeout 0 every receive ends its own lock at once; the
        // latest handle must still delete, or such a queue's messages could never be deleted.
        String queue = SqsTestQueues.standard(sqs, "vis-zero-del", Map.of("VisibilityTimeout", "0"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("delete me"));
        Message latest = sqs.receiveMessage(r -> r.queueUrl(queue)).messages().getFirst();
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(latest.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue)).messages()).as("deleted by its latest handle").isEmpty();
    }
}
