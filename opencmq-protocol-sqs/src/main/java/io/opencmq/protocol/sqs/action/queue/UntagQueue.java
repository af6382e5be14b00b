package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** UntagQueue: QueueUrl, TagKeys (keys the queue does not have are ignored). */
final class UntagQueue implements SqsAction {
    private final QueueService service;

    UntagQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UntagQueue";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        List<String> keys = params.stringList("TagKeys");
        if (keys.isEmpty()) {
            throw SqsErrors.missingParameter("TagKeys");
        }
        Map<String, String> removals = new HashMap<>();
        for (String key : keys) {
            removals.put(QueueTags.PREFIX + key, null);
        }
        return service.setQueueAttributes(name, new QueueSettings(null, null, null, null, null, null, null, null, removals))
                .thenApply(v -> null);
    }
}
