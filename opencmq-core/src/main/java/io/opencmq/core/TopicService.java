package io.opencmq.core;

import io.opencmq.core.message.SentMessage;
import io.opencmq.core.topic.SubscriptionAttributes;
import io.opencmq.core.topic.SubscriptionChanges;
import io.opencmq.core.topic.SubscriptionPage;
import io.opencmq.core.topic.SubscriptionRef;
import io.opencmq.core.topic.SubscriptionSettings;
import io.opencmq.core.topic.TopicAttributes;
import io.opencmq.core.topic.TopicPage;
import io.opencmq.core.topic.TopicRef;
import io.opencmq.core.topic.TopicSettings;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Topics and subscriptions, free of any wire format: publish once, deliver to every matching
 * subscription — a queue of this server or an HTTP(S) endpoint. Names are matched
 * case-insensitively. Failures are {@link io.opencmq.core.error.QueueException}s, thrown or as
 * the cause of a failed future, exactly as in {@link QueueService}.
 */
public interface TopicService {

    CompletableFuture<TopicRef> createTopic(String topicName, TopicSettings settings);

    /** Changes the topic's maxMsgSize (the only mutable topic attribute). */
    CompletableFuture<Void> setTopicAttributes(String topicName, Integer maxMsgSize);

    TopicPage listTopics(String searchWord, int offset, int limit);

    TopicAttributes getTopicAttributes(String topicName);

    /** Refused with TOPIC_HAS_SUBSCRIPTIONS while the topic has subscriptions. */
    CompletableFuture<Void> deleteTopic(String topicName);

    /**
     * Publishes a batch (1..16 bodies) with the same tags (TAG topics) or routing key
     * (ROUTING_KEY topics). When the future completes, each message is durably in every
     * matching queue subscription's queue and durably recorded for every matching HTTP
     * subscription. Fails with TOPIC_HAS_NO_SUBSCRIPTION if the topic has none, and with
     * NO_MATCHING_SUBSCRIPTION if none matches.
     */
    CompletableFuture<List<SentMessage>> publish(String topicName, List<byte[]> bodies, List<String> tags, String routingKey);

    CompletableFuture<SubscriptionRef> subscribe(String topicName, String subscriptionName, SubscriptionSettings settings);

    /** Removes the subscription; pushes it still owed are dropped. */
    CompletableFuture<Void> unsubscribe(String topicName, String subscriptionName);

    SubscriptionPage listSubscriptions(String topicName, String searchWord, int offset, int limit);

    SubscriptionAttributes getSubscriptionAttributes(String topicName, String subscriptionName);

    CompletableFuture<Void> setSubscriptionAttributes(String topicName, String subscriptionName, SubscriptionChanges changes);

    /** Removes every filter tag: the subscription then receives all messages of a TAG topic. */
    CompletableFuture<Void> clearSubscriptionFilterTags(String topicName, String subscriptionName);

    /** The limits this service enforces. */
    io.opencmq.core.limits.TopicLimits topicLimits();
}
