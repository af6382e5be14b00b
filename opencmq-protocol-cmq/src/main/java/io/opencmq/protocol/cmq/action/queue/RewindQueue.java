package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** RewindQueue: startConsumeTime in Unix seconds; the core decides whether that time is allowed. */
final class RewindQueue implements CmqAction {
    /** Keeps seconds × 1000 inside a long. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1000;

    private final QueueService service;

    RewindQueue(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "RewindQueue";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        long startSeconds = params.requiredLong("startConsumeTime", 0, MAX_SECONDS);
        return service.rewindQueue(name, startSeconds * 1000).thenApply(v -> CmqReply.ok());
    }
}
