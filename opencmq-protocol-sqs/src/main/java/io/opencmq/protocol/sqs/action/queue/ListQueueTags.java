package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/** ListQueueTags: QueueUrl; answers Tags, sorted by key. */
final class ListQueueTags implements SqsAction {
    private final QueueService service;

    ListQueueTags(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListQueueTags";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        ObjectNode result = SqsContext.result();
        ObjectNode tags = result.putObject("Tags");
        QueueTags.of(service.getQueueAttributes(context.queueName(params)).config()).forEach(tags::put);
        return CompletableFuture.completedFuture(result);
    }
}
