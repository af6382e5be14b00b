package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** Unsubscribe: removes the subscription; pushes still owed to it are dropped. */
final class Unsubscribe implements CmqAction {
    private final TopicService service;

    Unsubscribe(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "Unsubscribe";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.unsubscribe(TopicParams.topicName(params), TopicParams.subscriptionName(params))
                .thenApply(v -> CmqReply.ok());
    }
}
