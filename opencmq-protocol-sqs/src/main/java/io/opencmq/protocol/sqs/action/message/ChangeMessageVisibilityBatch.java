package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.protocol.sqs.SqsError;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * ChangeMessageVisibilityBatch: QueueUrl, Entries (1–10) of {Id, ReceiptHandle,
 * VisibilityTimeout}, each changed on its own; answers Successful [{Id}] and Failed. A missing
 * queue fails the whole call.
 */
final class ChangeMessageVisibilityBatch implements SqsAction {
    private final QueueService service;

    ChangeMessageVisibilityBatch(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ChangeMessageVisibilityBatch";
    }

    /** One entry's outcome: null error = changed. */
    private record Outcome(String id, SqsError error) {
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        List<SqsParams> entries = BatchEntries.entries(params, "ChangeMessageVisibilityBatchRequestEntry");
        service.getQueueAttributes(name);
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (SqsParams entry : entries) {
            String id = entry.string("Id");
            int timeout;
            String handle;
            try {
                handle = entry.requiredString("ReceiptHandle");
                timeout = entry.requiredInt("VisibilityTimeout", 0, SqsLimits.MAX_VISIBILITY_TIMEOUT);
            } catch (SqsException e) {
                outcomes.add(CompletableFuture.completedFuture(new Outcome(id, e.error())));
                continue;
            }
            outcomes.add(Futures.call(() -> service.changeMessageVisibility(name, handle, timeout))
                    .handle((v, failure) -> {
                        if (failure == null) {
                            return new Outcome(id, null);
                        }
                        Throwable cause = Futures.unwrap(failure);
                        if (cause instanceof QueueException e && e.reason() != ErrorReason.QUEUE_NOT_FOUND
                                && e.reason() != ErrorReason.UNAVAILABLE) {
                            return new Outcome(id, SqsErrors.of(e));
                        }
                        throw new CompletionException(cause);
                    }));
        }
        return CompletableFuture.allOf(outcomes.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            ObjectNode result = SqsContext.result();
            ArrayNode successful = result.putArray("Successful");
            ArrayNode failed = result.putArray("Failed");
            for (CompletableFuture<Outcome> f : outcomes) {
                Outcome o = f.join();
                if (o.error() == null) {
                    successful.addObject().put("Id", o.id());
                } else {
                    BatchEntries.addFailure(failed, o.id(), o.error());
                }
            }
            return result;
        });
    }
}
