package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.TopicSettings;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * CreateTopic: topicName, maxMsgSize and filterType (1 = tags, the default; 2 = routing keys;
 * fixed for the topic's life); answers topicId.
 */
final class CreateTopic implements CmqAction {
    private final TopicService service;

    CreateTopic(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateTopic";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = TopicParams.topicName(params);
        TopicSettings settings = new TopicSettings(TopicParams.maxMsgSize(params), TopicParams.filterType(params));
        return service.createTopic(name, settings)
                .thenApply(ref -> CmqReply.ok(g -> g.writeStringField("topicId", ref.topicId())));
    }
}
