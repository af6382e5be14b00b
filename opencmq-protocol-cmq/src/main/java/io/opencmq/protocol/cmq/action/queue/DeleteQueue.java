package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** DeleteQueue: removes the queue and its messages. */
final class DeleteQueue implements CmqAction {
    private final QueueService service;

    DeleteQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.deleteQueue(QueueParams.queueName(params)).thenApply(v -> CmqReply.ok());
    }
}
