package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * ClearSubscriptionFilterTags: removes every filter tag, so the subscription gets all messages
 * of its (tag) topic. The Java SDK 1.0.7 sends it as "ClearSUbscriptionFIlterTags", which finds
 * this action because action names match case-insensitively.
 */
final class ClearSubscriptionFilterTags implements CmqAction {
    private final TopicService service;

    ClearSubscriptionFilterTags(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ClearSubscriptionFilterTags";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return service.clearSubscriptionFilterTags(TopicParams.topicName(params), TopicParams.subscriptionName(params))
                .thenApply(v -> CmqReply.ok());
    }
}
