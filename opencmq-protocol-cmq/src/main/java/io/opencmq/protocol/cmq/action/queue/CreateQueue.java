package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** CreateQueue: queueName plus optional attributes (and deadLetterPolicy); answers queueId. */
final class CreateQueue implements CmqAction {
    private final QueueService service;

    CreateQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.newQueueName(params);
        return service.createQueue(name, QueueParams.settings(params))
                .thenApply(ref -> CmqReply.ok(g -> g.writeStringField("queueId", ref.queueId())));
    }
}
