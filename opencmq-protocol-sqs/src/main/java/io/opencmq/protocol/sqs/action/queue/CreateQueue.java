package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * CreateQueue: QueueName, Attributes, tags; answers QueueUrl. Idempotent as in SQS: if the
 * queue exists with exactly this name and every given attribute has the value given, the
 * existing queue's URL is the answer; otherwise QueueNameExists (also when only the case of
 * the name differs, since opencmq names are unique ignoring case). Tags of an existing queue
 * are left as they are. {@code FifoQueue=true} makes a FIFO queue, whose name must end in
 * ".fifo" (and only such a queue's may); see {@link FifoAttributes}.
 */
final class CreateQueue implements SqsAction {
    private final QueueService service;

    CreateQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateQueue";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = params.requiredString("QueueName");
        Map<String, String> attributes = params.stringMap("Attributes");
        QueueAttributeCodec.Changes changes = QueueAttributeCodec.toChanges(attributes, null);
        QueueNames.check(name, changes.settings().fifo() != null);
        // The JSON protocol names the member "tags", the query protocol's Tag.N becomes "Tags".
        Map<String, String> tags = new LinkedHashMap<>(params.stringMap("Tags"));
        tags.putAll(params.stringMap("tags"));
        QueueSettings s = changes.settings();
        Map<String, String> properties = new HashMap<>(s.properties());
        properties.putAll(QueueTags.toProperties(tags, Map.of()));
        properties.values().removeIf(v -> v == null);
        Integer maxSize = s.maxMsgSize() != null ? s.maxMsgSize() : SqsLimits.DEFAULT_MAX_MESSAGE_SIZE;
        QueueSettings settings = new QueueSettings(null, s.pollingWaitSeconds(), s.visibilityTimeout(), maxSize,
                s.msgRetentionSeconds(), null, s.deadLetterPolicy(), s.delaySeconds(), properties, s.fifo());
        RedriveChecks.checkAllowed(service, name, settings.deadLetterPolicy());
        return Futures.call(() -> service.createQueue(name, settings))
                .thenApply(ref -> url(context, ref.queueName()))
                .exceptionally(failure -> {
                    Throwable cause = Futures.unwrap(failure);
                    if (cause instanceof QueueException e && e.reason() == ErrorReason.QUEUE_ALREADY_EXISTS) {
                        QueueAttributes existing = service.getQueueAttributes(name);
                        if (existing.queue().queueName().equals(name) && QueueAttributeCodec.matches(attributes, existing, context)) {
                            return url(context, name);
                        }
                        throw SqsErrors.queueNameExists(name);
                    }
                    throw new CompletionException(cause);
                });
    }

    private static ObjectNode url(SqsContext context, String queueName) {
        ObjectNode result = SqsContext.result();
        result.put("QueueUrl", context.queueUrl(queueName));
        return result;
    }
}
