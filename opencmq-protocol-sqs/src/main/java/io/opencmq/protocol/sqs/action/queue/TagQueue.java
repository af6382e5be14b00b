package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** TagQueue: QueueUrl, Tags (added or overwritten; at most 50 per queue). */
final class TagQueue implements SqsAction {
    private final QueueService service;

    TagQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "TagQueue";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        Map<String, String> tags = params.stringMap("Tags");
        if (tags.isEmpty()) {
            throw SqsErrors.missingParameter("Tags");
        }
        Map<String, String> current = QueueTags.of(service.getQueueAttributes(name).config());
        Map<String, String> properties = QueueTags.toProperties(tags, current);
        return service.setQueueAttributes(name, new QueueSettings(null, null, null, null, null, null, null, null, properties))
                .thenApply(v -> null);
    }
}
