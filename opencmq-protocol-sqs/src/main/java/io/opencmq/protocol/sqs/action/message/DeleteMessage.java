package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * DeleteMessage: QueueUrl, ReceiptHandle. Only the latest receipt handle deletes, and only
 * while its lock holds; otherwise ReceiptHandleIsInvalid (SQS accepts a stale handle of a
 * standard queue and may not delete; see docs/sqs-api-support.md).
 */
final class DeleteMessage implements SqsAction {
    private final QueueService service;

    DeleteMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteMessage";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        String handle = params.requiredString("ReceiptHandle");
        return service.deleteMessage(name, handle).thenApply(v -> null);
    }
}
