package io.opencmq.it.sqs;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One queue, two APIs: what the AWS SDK sends the official CMQ client receives and deletes
 * (seeing only the body, never the SQS attributes), and the other way round; queues created
 * through either API are visible to the other.
 */
class CrossProtocolTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static SqsClient sqs;
    static Account cmq;

    @BeforeAll
    static void openClients() {
        sqs = server.client(SqsClients::client);
        cmq = server.get().account();
    }

    @Test
    void sentWithSqsReceivedAndDeletedWithCmq() throws Exception {
        String name = QueueNames.unique("x-sqs2cmq");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("from sqs")
                .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("v").build())));

        Queue queue = cmq.getQueue(name);
        Message m = queue.receiveMessage(1);
        assertThat(m.msgBody).isEqualTo("from sqs");
        queue.deleteMessage(m.receiptHandle);

        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void sentWithCmqReceivedAndDeletedWithSqs() throws Exception {
        String name = QueueNames.unique("x-cmq2sqs");
        QueueMeta meta = new QueueMeta();
        meta.visibilityTimeout = 45;
        cmq.createQueue(name, meta);
        Queue queue = cmq.getQueue(name);
        String msgId = queue.sendMessage("from cmq");

        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributesAsStrings()).containsEntry("VisibilityTimeout", "45");
        List<software.amazon.awssdk.services.sqs.model.Message> got = sqs.receiveMessage(r -> r.queueUrl(url)
                .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(1)).messages();
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("from cmq");
            assertThat(m.messageId()).isEqualTo(msgId);
            assertThat(m.messageAttributes()).isEmpty();
        });
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(got.getFirst().receiptHandle()));
        assertThat(queue.getQueueAttributes().activeMsgNum + queue.getQueueAttributes().inactiveMsgNum).isZero();
    }
}
