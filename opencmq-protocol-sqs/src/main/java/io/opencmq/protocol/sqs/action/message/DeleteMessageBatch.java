package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteMessageBatch: QueueUrl, Entries (1–10) of {Id, ReceiptHandle}, each deleted on its own;
 * answers Successful [{Id}] and Failed [{Id, SenderFault, Code, Message}]. A stale handle is a
 * success on a standard queue and fails its entry on a FIFO queue, as for {@link DeleteMessage}.
 */
final class DeleteMessageBatch implements SqsAction {
    private final QueueService service;

    DeleteMessageBatch(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteMessageBatch";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        List<SqsParams> entries = BatchEntries.entries(params, "DeleteMessageBatchRequestEntry");
        ObjectNode result = SqsContext.result();
        ArrayNode successful = result.putArray("Successful");
        ArrayNode failed = result.putArray("Failed");
        List<String> ids = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (SqsParams entry : entries) {
            String handle = entry.string("ReceiptHandle");
            if (handle == null || handle.isEmpty()) {
                BatchEntries.addFailure(failed, entry.string("Id"), SqsErrors.missingParameter("ReceiptHandle").error());
            } else {
                ids.add(entry.string("Id"));
                handles.add(handle);
            }
        }
        if (handles.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return service.deleteMessages(name, handles).thenApply(outcomes -> {
            Boolean fifo = null;
            for (int i = 0; i < outcomes.size(); i++) {
                DeleteOutcome o = outcomes.get(i);
                boolean stale = !o.ok() && o.error().reason() == ErrorReason.RECEIPT_HANDLE_STALE;
                if (stale && fifo == null) {
                    fifo = service.getQueueConfig(name).isFifo();
                }
                // A stale handle of a standard queue is a success that deletes nothing, as in AWS.
                if (o.ok() || stale && !fifo) {
                    successful.addObject().put("Id", ids.get(i));
                } else if (stale) {
                    BatchEntries.addFailure(failed, ids.get(i), SqsErrors.receiptHandleExpired(handles.get(i)).error());
                } else {
                    BatchEntries.addFailure(failed, ids.get(i), SqsErrors.of(o.error()));
                }
            }
            return result;
        });
    }
}
