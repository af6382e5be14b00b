package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * DeleteMessage: QueueUrl, ReceiptHandle. Only the latest receipt handle deletes, and only
 * while its lock holds. As in AWS, a stale handle (lock expired or superseded, message already
 * deleted) answers success and deletes nothing on a standard queue, and InvalidParameterValue
 * "The receipt handle has expired" on a FIFO queue; a malformed or forged one is
 * ReceiptHandleIsInvalid.
 */
final class DeleteMessage implements SqsAction {
    private final QueueService service;

    DeleteMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteMessage";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        String handle = params.requiredString("ReceiptHandle");
        return service.deleteMessage(name, handle).handle((v, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                return null;
            }
            if (cause instanceof QueueException e && e.reason() == ErrorReason.RECEIPT_HANDLE_STALE) {
                if (service.getQueueConfig(name).isFifo()) {
                    throw SqsErrors.receiptHandleExpired(handle);
                }
                return null;
            }
            throw cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
        });
    }
}
