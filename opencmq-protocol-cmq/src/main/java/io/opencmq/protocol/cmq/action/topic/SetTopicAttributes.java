package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/** SetTopicAttributes: topicName and maxMsgSize, the only attribute a topic may change. */
final class SetTopicAttributes implements CmqAction {
    private final TopicService service;

    SetTopicAttributes(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetTopicAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.setTopicAttributes(TopicParams.topicName(params), TopicParams.maxMsgSize(params))
                .thenApply(v -> CmqReply.ok());
    }
}
