package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** ClearQueue: deletes every message of the queue, locked and delayed ones included. */
final class ClearQueue implements CmqAction {
    private final QueueService service;

    ClearQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ClearQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.purgeQueue(QueueParams.queueName(params)).thenApply(v -> CmqReply.ok());
    }
}
