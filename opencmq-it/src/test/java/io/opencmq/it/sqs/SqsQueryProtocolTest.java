package io.opencmq.it.sqs;

import io.opencmq.core.auth.Credentials;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query protocol (form POST or presigned GET, XML answers) through raw requests signed by
 * the AWS SDK's SigV4 signer: the XML shapes of results and errors, the queue URL path as the
 * queue, and agreement with the JSON protocol on the same queue (message ids, MD5 digests).
 */
class SqsQueryProtocolTest {

    private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SignedQueryClient query;
    static SqsClient json;

    @BeforeAll
    static void openClients() {
        query = new SignedQueryClient(server.get().endpoint(), TestServer.CREDENTIALS);
        json = server.client(SqsClients::client);
    }

    private static String createQueue(String name) {
        SignedQueryClient.Answer created = query.post("/", List.of(entry("Action", "CreateQueue"), entry("Version", "2012-11-05"),
                entry("QueueName", name), entry("Attribute.1.Name", "VisibilityTimeout"), entry("Attribute.1.Value", "40")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.text("/CreateQueueResponse/CreateQueueResult/QueueUrl");
    }

    @Test
    void createQueueAnswersXmlInTheSqsNamespace() {
        String name = QueueNames.unique("q-create");
        SignedQueryClient.Answer created = query.post("/", List.of(entry("Action", "CreateQueue"), entry("QueueName", name)));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.xml().getDocumentElement().getAttribute("xmlns")).isEqualTo(NS);
        assertThat(created.text("/CreateQueueResponse/CreateQueueResult/QueueUrl")).isEqualTo(server.get().endpoint() + "/000000000000/" + name);
        assertThat(created.text("/CreateQueueResponse/ResponseMetadata/RequestId")).matches("[0-9a-f-]{36}");

        SignedQueryClient.Answer attributes = query.post("/000000000000/" + name, List.of(entry("Action", "GetQueueAttributes"),
                entry("AttributeName.1", "QueueArn"), entry("AttributeName.2", "VisibilityTimeout")));
        assertThat(attributes.count("/GetQueueAttributesResponse/GetQueueAttributesResult/Attribute")).isEqualTo(2);
        assertThat(attributes.text("//Attribute[Name='QueueArn']/Value")).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:" + name);

        SignedQueryClient.Answer deleted = query.post("/", List.of(entry("Action", "DeleteQueue"),
                entry("QueueUrl", server.get().endpoint() + "/000000000000/" + name)));
        assertThat(deleted.count("/DeleteQueueResponse/DeleteQueueResult")).as("no result element").isZero();
        assertThat(deleted.text("/DeleteQueueResponse/ResponseMetadata/RequestId")).isNotEmpty();
    }

    @Test
    void messagesWithAttributesAgreeBetweenTheTwoProtocols() {
        String url = createQueue(QueueNames.unique("q-msg"));
        String path = url.substring(server.get().endpoint().length());
        String body = "query <body> & \"quotes\"\r\nsecond line 中文";
        SignedQueryClient.Answer sent = query.post(path, List.of(entry("Action", "SendMessage"), entry("MessageBody", body),
                entry("MessageAttribute.1.Name", "color"), entry("MessageAttribute.1.Value.DataType", "String"),
                entry("MessageAttribute.1.Value.StringValue", "blue"),
                entry("MessageAttribute.2.Name", "bytes"), entry("MessageAttribute.2.Value.DataType", "Binary"),
                entry("MessageAttribute.2.Value.BinaryValue", "AAEC")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        String md5Attributes = sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageAttributes");
        String messageId = sent.text("/SendMessageResponse/SendMessageResult/MessageId");

        Message viaJson = json.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All").visibilityTimeout(0)).messages().getFirst();
        assertThat(viaJson.messageId()).isEqualTo(messageId);
        assertThat(viaJson.body()).isEqualTo(body);
        assertThat(viaJson.md5OfMessageAttributes()).isEqualTo(md5Attributes);
        assertThat(sent.text("//MD5OfMessageBody")).isEqualTo(viaJson.md5OfBody());

        SignedQueryClient.Answer received = query.post(path, List.of(entry("Action", "ReceiveMessage"),
                entry("AttributeName.1", "All"), entry("MessageAttributeName.1", "All"), entry("MaxNumberOfMessages", "10")));
        String m = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
        assertThat(received.count(m)).isEqualTo(1);
        assertThat(received.text(m + "/Body")).as("CR survives XML").isEqualTo(body);
        assertThat(received.text(m + "/MessageId")).isEqualTo(messageId);
        assertThat(received.text(m + "/Attribute[Name='ApproximateReceiveCount']/Value")).isEqualTo("2");
        assertThat(received.text(m + "/MessageAttribute[Name='color']/Value/StringValue")).isEqualTo("blue");
        assertThat(received.text(m + "/MessageAttribute[Name='color']/Value/DataType")).isEqualTo("String");
        assertThat(received.text(m + "/MessageAttribute[Name='bytes']/Value/BinaryValue")).isEqualTo("AAEC");
        assertThat(received.text(m + "/MD5OfMessageAttributes")).isEqualTo(md5Attributes);

        SignedQueryClient.Answer deleted = query.post(path, List.of(entry("Action", "DeleteMessageBatch"),
                entry("DeleteMessageBatchRequestEntry.1.Id", "ok"),
                entry("DeleteMessageBatchRequestEntry.1.ReceiptHandle", received.text(m + "/ReceiptHandle")),
                entry("DeleteMessageBatchRequestEntry.2.Id", "bad"),
                entry("DeleteMessageBatchRequestEntry.2.ReceiptHandle", "nonsense")));
        String r = "/DeleteMessageBatchResponse/DeleteMessageBatchResult";
        assertThat(deleted.text(r + "/DeleteMessageBatchResultEntry/Id")).isEqualTo("ok");
        assertThat(deleted.text(r + "/BatchResultErrorEntry/Id")).isEqualTo("bad");
        assertThat(deleted.text(r + "/BatchResultErrorEntry/SenderFault")).isEqualTo("true");
        assertThat(deleted.text(r + "/BatchResultErrorEntry/Code")).isEqualTo("ReceiptHandleIsInvalid");
    }

    @Test
    void sendMessageBatchAndListQueuesInXml() {
        String prefix = QueueNames.unique("q-list");
        String url = createQueue(prefix + "-a");
        createQueue(prefix + "-b");
        SignedQueryClient.Answer batch = query.post("/", List.of(entry("Action", "SendMessageBatch"), entry("QueueUrl", url),
                entry("SendMessageBatchRequestEntry.1.Id", "one"), entry("SendMessageBatchRequestEntry.1.MessageBody", "1"),
                entry("SendMessageBatchRequestEntry.2.Id", "two"), entry("SendMessageBatchRequestEntry.2.MessageBody", "2"),
                entry("SendMessageBatchRequestEntry.2.DelaySeconds", "5")));
        assertThat(batch.count("//SendMessageBatchResultEntry")).isEqualTo(2);
        assertThat(batch.text("//SendMessageBatchResultEntry[Id='two']/MD5OfMessageBody")).isEqualTo("c81e728d9d4c2f636f067f89cc14862c");

        SignedQueryClient.Answer list = query.post("/", List.of(entry("Action", "ListQueues"), entry("QueueNamePrefix", prefix),
                entry("MaxResults", "1")));
        assertThat(list.count("/ListQueuesResponse/ListQueuesResult/QueueUrl")).isEqualTo(1);
        assertThat(list.text("/ListQueuesResponse/ListQueuesResult/QueueUrl")).isEqualTo(url);
        assertThat(list.text("/ListQueuesResponse/ListQueuesResult/NextToken")).isNotEmpty();

        SignedQueryClient.Answer presigned = query.presignedGet(List.of(entry("Action", "ListQueues"), entry("QueueNamePrefix", prefix)));
        assertThat(presigned.status()).as(presigned.body()).isEqualTo(200);
        assertThat(presigned.count("//QueueUrl")).isEqualTo(2);
    }

    @Test
    void errorsAreXmlErrorResponses() {
        SignedQueryClient.Answer missing = query.post("/000000000000/no-such-queue", List.of(entry("Action", "ReceiveMessage")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.xml().getDocumentElement().getNodeName()).isEqualTo("ErrorResponse");
        assertThat(missing.text("/ErrorResponse/Error/Type")).isEqualTo("Sender");
        assertThat(missing.text("/ErrorResponse/Error/Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(missing.text("/ErrorResponse/RequestId")).isNotEmpty();

        SignedQueryClient.Answer unknown = query.post("/", List.of(entry("Action", "FlyToTheMoon")));
        assertThat(unknown.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidAction");

        SignedQueryClient.Answer range = query.post("/", List.of(entry("Action", "ListQueues"), entry("MaxResults", "0")));
        assertThat(range.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidParameterValue");

        SignedQueryClient.Answer late = query.post("/", List.of(entry("Action", "ListQueues")),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)), TestServer.CREDENTIALS);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.text("/ErrorResponse/Error/Code")).isEqualTo("RequestExpired");

        SignedQueryClient.Answer forged = query.post("/", List.of(entry("Action", "ListQueues")), Clock.systemUTC(),
                new Credentials(TestServer.CREDENTIALS.secretId(), "not-the-key"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text("/ErrorResponse/Error/Code")).isEqualTo("SignatureDoesNotMatch");
    }
}
