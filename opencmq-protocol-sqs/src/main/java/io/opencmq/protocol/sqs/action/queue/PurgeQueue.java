package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * PurgeQueue: QueueUrl; every message (in flight and delayed ones too) is deleted when the
 * answer comes. SQS allows one purge per 60 s (PurgeQueueInProgress); opencmq purges at once
 * and has no such limit.
 */
final class PurgeQueue implements SqsAction {
    private final QueueService service;

    PurgeQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "PurgeQueue";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        return service.purgeQueue(context.queueName(params)).thenApply(v -> null);
    }
}
