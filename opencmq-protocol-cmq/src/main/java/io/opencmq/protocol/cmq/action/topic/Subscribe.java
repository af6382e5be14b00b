package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.SubscriptionSettings;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * Subscribe: topicName, subscriptionName, protocol (queue, http, https) and endpoint (a queue
 * name or a URL), optional notifyStrategy, notifyContentFormat, filterTag.n and bindingKey.n;
 * answers subscriptionId. Absent strategy and format take CMQ's defaults in the core
 * (EXPONENTIAL_DECAY_RETRY; JSON, or SIMPLIFIED for a queue).
 */
final class Subscribe implements CmqAction {
    private final TopicService service;

    Subscribe(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "Subscribe";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String topic = TopicParams.topicName(params);
        String subscription = TopicParams.subscriptionName(params);
        SubscriptionSettings settings = new SubscriptionSettings(
                TopicParams.protocol(params),
                params.required("endpoint"),
                TopicParams.notifyStrategy(params),
                TopicParams.notifyContentFormat(params),
                TopicParams.filterTags(params),
                TopicParams.bindingKeys(params));
        return service.subscribe(topic, subscription, settings)
                .thenApply(ref -> CmqReply.ok(g -> g.writeStringField("subscriptionId", ref.subscriptionId())));
    }
}
