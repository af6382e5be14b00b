package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/** DeleteQueue: QueueUrl; the queue and its messages are gone when the answer comes. */
final class DeleteQueue implements SqsAction {
    private final QueueService service;

    DeleteQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteQueue";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        return service.deleteQueue(context.queueName(params)).thenApply(v -> null);
    }
}
