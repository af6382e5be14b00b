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
 * SendMessage: QueueUrl, MessageBody, DelaySeconds, MessageAttributes, MessageSystemAttributes;
 * answers MessageId, MD5OfMessageBody and, when given, MD5OfMessageAttributes and
 * MD5OfMessageSystemAttributes. The answer comes once the message is durable.
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
        message.checkSize(service.getQueueConfig(name).maxMsgSize());
        return service.sendMessages(name, List.of(message.toOutgoing()))
                .thenApply(sent -> result(SqsContext.result(), message, sent.getFirst()));
    }

    /** Fills the fields SendMessage and a SendMessageBatch entry answer alike. */
    static ObjectNode result(ObjectNode out, MessageToSend message, SentMessage sent) {
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
        return out;
    }
}
