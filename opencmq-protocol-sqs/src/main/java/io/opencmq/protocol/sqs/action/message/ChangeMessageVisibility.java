package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * ChangeMessageVisibility: QueueUrl, ReceiptHandle, VisibilityTimeout (0–43200): the message
 * becomes visible again that many seconds from now (0 = at once). The handle stays valid.
 */
final class ChangeMessageVisibility implements SqsAction {
    private final QueueService service;

    ChangeMessageVisibility(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ChangeMessageVisibility";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        String handle = params.requiredString("ReceiptHandle");
        int timeout = params.requiredInt("VisibilityTimeout", 0, SqsLimits.MAX_VISIBILITY_TIMEOUT);
        return service.changeMessageVisibility(name, handle, timeout).thenApply(v -> null);
    }
}
