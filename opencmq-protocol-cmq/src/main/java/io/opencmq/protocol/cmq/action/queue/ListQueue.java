package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** ListQueue: searchWord (substring, case-insensitive), offset, limit; totalCount counts all matches. */
final class ListQueue implements CmqAction {
    private final QueueService service;

    ListQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        QueuePage page = service.listQueues(params.optional("searchWord"),
                QueueParams.offset(params), QueueParams.limit(params, CmqLimits.MAX_LIST_QUEUE_LIMIT));
        return CmqReply.done(g -> QueueJson.writePage(g, page));
    }
}
