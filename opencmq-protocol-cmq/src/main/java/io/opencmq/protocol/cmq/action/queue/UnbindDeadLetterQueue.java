package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** UnbindDeadLetterQueue: removes queueName's dead-letter policy; answers its queueId. */
final class UnbindDeadLetterQueue implements CmqAction {
    private final QueueService service;

    UnbindDeadLetterQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UnbindDeadLetterQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.unbindDeadLetterQueue(QueueParams.queueName(params))
                .thenApply(ref -> CmqReply.ok(g -> g.writeStringField("queueId", ref.queueId())));
    }
}
