package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * GetQueueAttributes: QueueUrl, AttributeNames ("All" or names; none = no attributes, as in
 * SQS); answers Attributes. See {@link QueueAttributeCodec} for what each means.
 */
final class GetQueueAttributes implements SqsAction {
    private final QueueService service;

    GetQueueAttributes(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetQueueAttributes";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        var requested = params.stringList("AttributeNames");
        QueueAttributes a = service.getQueueAttributes(name);
        ObjectNode result = SqsContext.result();
        ObjectNode attributes = result.putObject("Attributes");
        for (Map.Entry<String, String> e : QueueAttributeCodec.read(a, requested, context).entrySet()) {
            attributes.put(e.getKey(), e.getValue());
        }
        return CompletableFuture.completedFuture(result);
    }
}
