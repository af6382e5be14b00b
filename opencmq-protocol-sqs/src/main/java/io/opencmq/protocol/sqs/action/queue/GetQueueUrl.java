package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * GetQueueUrl: QueueName (QueueOwnerAWSAccountId is ignored: one account); answers QueueUrl.
 * The name must match exactly, as SQS names are case-sensitive.
 */
final class GetQueueUrl implements SqsAction {
    private final QueueService service;

    GetQueueUrl(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetQueueUrl";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = params.requiredString("QueueName");
        QueueAttributes a = service.getQueueAttributes(name);
        if (!a.queue().queueName().equals(name)) {
            throw new SqsException(SqsErrors.queueDoesNotExist());
        }
        ObjectNode result = SqsContext.result();
        result.put("QueueUrl", context.queueUrl(a.queue().queueName()));
        return CompletableFuture.completedFuture(result);
    }
}
