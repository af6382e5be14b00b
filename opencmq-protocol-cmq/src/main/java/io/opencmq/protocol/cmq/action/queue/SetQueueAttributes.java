package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** SetQueueAttributes: changes the given attributes and echoes the queue's new configuration. */
final class SetQueueAttributes implements CmqAction {
    private final QueueService service;

    SetQueueAttributes(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetQueueAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        return service.setQueueAttributes(name, QueueParams.settings(params))
                .thenApply(config -> CmqReply.ok(g -> QueueJson.writeConfig(g, config)));
    }
}
