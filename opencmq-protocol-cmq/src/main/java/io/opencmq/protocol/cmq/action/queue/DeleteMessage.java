package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** DeleteMessage: deletes the message locked under receiptHandle. */
final class DeleteMessage implements CmqAction {
    private final QueueService service;

    DeleteMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        return service.deleteMessage(name, params.required("receiptHandle")).thenApply(v -> CmqReply.ok());
    }
}
