package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.message.SentMessage;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SendMessage: QueueUrl, MessageBody, DelaySeconds, MessageAttributes, MessageSystemAttributes,
 * MessageGroupId, MessageDeduplicationId; answers MessageId, MD5OfMessageBody and, when given,
 * MD5OfMessageAttributes and MD5OfMessageSystemAttributes, and for a FIFO queue SequenceNumber.
 * The answer comes once the message is durable. A FIFO send deduplicated by the queue answers
 * the first copy's MessageId and SequenceNumber.
 */
final class SendMessage implements SqsAction {
    private final QueueService service;

    SendMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SendMessage";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        MessageToSend message = MessageToSend.parse(params);
        TargetQueue queue = TargetQueue.of(service.getQueueConfig(name));
        message.check(queue);
        return service.sendMessages(name, List.of(message.toOutgoing(queue)))
                .thenApply(sent -> result(SqsContext.result(), message, sent.getFirst(), queue.fifo()));
    }

    /** Fills the fields SendMessage and a SendMessageBatch entry answer alike. */
    static ObjectNode result(ObjectNode out, MessageToSend message, SentMessage sent, boolean fifo) {
        out.put("MessageId", sent.msgId());
        out.put("MD5OfMessageBody", AttributeMd5.ofBody(message.body()));
        String attributesMd5 = AttributeMd5.ofAttributes(message.attributes());
        if (attributesMd5 != null) {
            out.put("MD5OfMessageAttributes", attributesMd5);
        }
        String systemMd5 = AttributeMd5.ofAttributes(message.systemAttributes());
        if (systemMd5 != null) {
            out.put("MD5OfMessageSystemAttributes", systemMd5);
        }
        if (fifo) {
            out.put("SequenceNumber", SequenceNumber.format(sent.sequenceNumber()));
        }
        return out;
    }
}
