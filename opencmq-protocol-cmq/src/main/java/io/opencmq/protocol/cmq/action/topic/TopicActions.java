package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.action.CmqAction;

import java.util.List;

/** The topic and subscription family of CMQ actions, all backed by one {@link TopicService}. */
public final class TopicActions {

    private TopicActions() {
    }

    public static List<CmqAction> all(TopicService service) {
        return List.of(
                new CreateTopic(service),
                new SetTopicAttributes(service),
                new ListTopic(service),
                new GetTopicAttributes(service),
                new DeleteTopic(service),
                new PublishMessage(service),
                new BatchPublishMessage(service),
                new Subscribe(service),
                new Unsubscribe(service),
                new ListSubscriptionByTopic(service),
                new GetSubscriptionAttributes(service),
                new SetSubscriptionAttributes(service),
                new ClearSubscriptionFilterTags(service));
    }
}
