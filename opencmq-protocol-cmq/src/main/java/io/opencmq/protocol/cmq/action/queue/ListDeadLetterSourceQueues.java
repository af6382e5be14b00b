package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** ListDeadLetterSourceQueues: the queues whose dead letters go to deadLetterQueueName (limit ≤ 50). */
final class ListDeadLetterSourceQueues implements CmqAction {
    private final QueueService service;

    ListDeadLetterSourceQueues(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListDeadLetterSourceQueues";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        QueuePage page = service.listDeadLetterSourceQueues(params.required("deadLetterQueueName"),
                params.optional("searchWord"), QueueParams.offset(params),
                QueueParams.limit(params, CmqLimits.MAX_LIST_DEAD_LETTER_SOURCES_LIMIT));
        return CmqReply.done(g -> QueueJson.writePage(g, page));
    }
}
