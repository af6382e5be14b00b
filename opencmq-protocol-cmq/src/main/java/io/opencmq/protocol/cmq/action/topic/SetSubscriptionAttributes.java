package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.SubscriptionChanges;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * SetSubscriptionAttributes: notifyStrategy, notifyContentFormat, filterTag.n, bindingKey.n;
 * what is absent stays as it is (filter tags are removed with ClearSubscriptionFilterTags).
 */
final class SetSubscriptionAttributes implements CmqAction {
    private final TopicService service;

    SetSubscriptionAttributes(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetSubscriptionAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String topic = TopicParams.topicName(params);
        String subscription = TopicParams.subscriptionName(params);
        SubscriptionChanges changes = new SubscriptionChanges(
                TopicParams.notifyStrategy(params),
                TopicParams.notifyContentFormat(params),
                TopicParams.filterTags(params),
                TopicParams.bindingKeys(params));
        return service.setSubscriptionAttributes(topic, subscription, changes).thenApply(v -> CmqReply.ok());
    }
}
