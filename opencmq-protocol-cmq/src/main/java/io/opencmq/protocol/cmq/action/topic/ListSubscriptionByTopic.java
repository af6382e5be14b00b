package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.SubscriptionPage;
import io.opencmq.core.topic.SubscriptionSummary;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * ListSubscriptionByTopic: topicName, searchWord, offset (0–1000), limit (0–100, default 20);
 * answers totalCount (all matches) and subscriptionList[] {subscriptionId, subscriptionName,
 * protocol, endpoint}.
 */
final class ListSubscriptionByTopic implements CmqAction {
    private final TopicService service;

    ListSubscriptionByTopic(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListSubscriptionByTopic";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        SubscriptionPage page = service.listSubscriptions(TopicParams.topicName(params), params.optional("searchWord"),
                TopicParams.offset(params, CmqLimits.MAX_LIST_SUBSCRIPTION_OFFSET),
                TopicParams.limit(params, CmqLimits.MAX_LIST_SUBSCRIPTION_LIMIT));
        return CmqReply.done(g -> {
            g.writeNumberField("totalCount", page.totalCount());
            g.writeArrayFieldStart("subscriptionList");
            for (SubscriptionSummary s : page.subscriptions()) {
                g.writeStartObject();
                g.writeStringField("subscriptionId", s.subscription().subscriptionId());
                g.writeStringField("subscriptionName", s.subscription().subscriptionName());
                g.writeStringField("protocol", s.protocol().wireName());
                g.writeStringField("endpoint", s.endpoint());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
