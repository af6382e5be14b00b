package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SetQueueAttributes: QueueUrl, Attributes. All values are checked before anything changes.
 * RedrivePolicy "" removes the dead-letter policy (the core's unbind, a second step). The
 * FIFO attributes other than FifoQueue can be changed on a FIFO queue only (a queue's kind is
 * fixed).
 */
final class SetQueueAttributes implements SqsAction {
    private final QueueService service;

    SetQueueAttributes(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetQueueAttributes";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        Map<String, String> attributes = params.stringMap("Attributes");
        if (attributes.isEmpty()) {
            throw SqsErrors.missingParameter("Attributes");
        }
        QueueAttributeCodec.Changes changes = QueueAttributeCodec.toChanges(attributes, service.getQueueConfig(name));
        RedriveChecks.checkAllowed(service, name, changes.settings().deadLetterPolicy());
        CompletableFuture<?> set = changes.changesSettings()
                ? service.setQueueAttributes(name, changes.settings())
                : CompletableFuture.completedFuture(service.getQueueAttributes(name));
        if (changes.clearRedrivePolicy()) {
            // Removing a policy that is not there is a no-op, not an error (AWS documents none).
            return set.thenCompose(v -> service.getQueueConfig(name).deadLetterPolicy() == null
                    ? CompletableFuture.completedFuture(null)
                    : service.unbindDeadLetterQueue(name)).thenApply(v -> null);
        }
        return set.thenApply(v -> null);
    }
}
