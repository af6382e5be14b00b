package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** DeleteTopic: refused (4000/10540) while the topic still has subscriptions, as in CMQ. */
final class DeleteTopic implements CmqAction {
    private final TopicService service;

    DeleteTopic(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteTopic";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.deleteTopic(TopicParams.topicName(params)).thenApply(v -> CmqReply.ok());
    }
}
