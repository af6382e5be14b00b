package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.NameRules;
import io.opencmq.core.limits.TopicLimits;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.FilterType;
import io.opencmq.core.topic.NotifyStrategy;
import io.opencmq.core.topic.SubscriptionAttributes;
import io.opencmq.core.topic.SubscriptionChanges;
import io.opencmq.core.topic.SubscriptionFilter;
import io.opencmq.core.topic.SubscriptionPage;
import io.opencmq.core.topic.SubscriptionProtocol;
import io.opencmq.core.topic.SubscriptionRef;
import io.opencmq.core.topic.SubscriptionSettings;
import io.opencmq.core.topic.SubscriptionSummary;
import io.opencmq.core.topic.TopicAttributes;
import io.opencmq.core.topic.TopicPage;
import io.opencmq.core.topic.TopicRef;
import io.opencmq.core.topic.TopicRules;
import io.opencmq.core.topic.TopicSettings;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topics and subscriptions of one node, and the fan-out of a publish.
 *
 * <p>A publish appends the message to every matching queue subscription's queue and to the
 * hidden push queue of every matching HTTP subscription, all in ONE store write: when it is
 * acknowledged the message is durably everywhere it must go, and a crash before that leaves
 * it nowhere. The body is copied once per target queue (the storage keys messages by queue).
 *
 * <p>Thread-safety: changes to topics and subscriptions are serialized by {@code lock}, taken
 * before the broker's registry lock and before any queue lock. Publishing takes no registry
 * lock: it reads the subscriptions as they are and takes each target queue's lock in turn,
 * never two at once.
 */
final class TopicRegistry {
    private static final String NEXT_ID = "nextTopicObjectId";
    static final String PUSH_QUEUE_PREFIX = "__push-";

    private final Broker broker;
    private final TopicLimits limits;
    private final PushTransport transport;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private long nextId;

    TopicRegistry(Broker broker, TopicLimits limits, PushTransport transport) {
        this.broker = broker;
        this.limits = limits;
        this.transport = transport;
    }

    /** Loads every topic and subscription from the store; the broker's queues are recovered already. */
    void recover() {
        var store = broker.store();
        byte[] next = store.readNodeValue(NEXT_ID);
        nextId = next == null ? 1 : ByteBuffer.wrap(next).getLong();
        Map<Long, Topic> byId = new java.util.HashMap<>();
        store.loadNodeValues(TopicMeta.KEY_PREFIX).forEach((key, raw) -> {
            TopicMeta meta = TopicMeta.decode(key, raw);
            Topic t = new Topic(meta, broker.now());
            byId.put(meta.topicId(), t);
            topics.put(Topic.key(meta.name()), t);
            nextId = Math.max(nextId, meta.topicId() + 1);
        });
        store.loadNodeValues(SubscriptionMeta.KEY_PREFIX).forEach((key, raw) -> {
            SubscriptionMeta meta = SubscriptionMeta.decode(key, raw);
            Topic t = byId.get(meta.topicId());
            nextId = Math.max(nextId, meta.subscriptionId() + 1);
            if (t == null) {
                return;
            }
            QueueEngine pushQueue = meta.pushQueueName() == null ? null : broker.findInternal(meta.pushQueueName());
            t.subscriptions.put(Topic.key(meta.name()), new Subscription(meta, t, pushQueue));
        });
    }

    /** Starts pushing for every HTTP subscription (after recovery). */
    void startPumps() {
        for (Topic t : topics.values()) {
            for (Subscription s : t.subscriptions.values()) {
                startPump(s);
            }
        }
    }

    void stopPumps() {
        for (Topic t : topics.values()) {
            for (Subscription s : t.subscriptions.values()) {
                if (s.pump != null) {
                    s.pump.stop();
                }
            }
        }
    }

    private void startPump(Subscription s) {
        if (s.pushQueue != null) {
            s.pump = new PushPump(s, broker, transport, limits);
            s.pump.start();
        }
    }

    // ---------------------------------------------------------------- topics

    CompletableFuture<TopicRef> createTopic(String name, TopicSettings settings) {
        NameRules.check(name, NameRules.MAX_TOPIC_NAME_LENGTH, ErrorReason.INVALID_TOPIC_NAME, "topic");
        TopicSettings s = settings == null ? TopicSettings.NONE : settings;
        int size = s.maxMsgSize() == null ? limits.defaultMaxMsgSize() : checkSize(s.maxMsgSize());
        FilterType type = s.filterType() == null ? FilterType.TAG : s.filterType();
        Topic topic;
        CompletableFuture<Void> written;
        synchronized (lock) {
            if (topics.containsKey(Topic.key(name))) {
                throw new QueueException(ErrorReason.TOPIC_ALREADY_EXISTS, "topic " + name + " already exists");
            }
            if (topics.size() >= limits.maxTopics()) {
                throw new QueueException(ErrorReason.TOPIC_LIMIT_REACHED, "the number of topics has reached " + limits.maxTopics());
            }
            long now = broker.now();
            TopicMeta meta = new TopicMeta(nextId++, name, type, size, now, now);
            topic = new Topic(meta, now);
            topics.put(Topic.key(name), topic);
            written = broker.store().write(List.of(nextIdValue(), new Mutation.PutNodeValue(meta.key(), meta.encode())));
        }
        return written.handle((ok, error) -> {
            if (error != null) {
                throw Broker.unavailable(error);
            }
            return topic.ref();
        });
    }

    CompletableFuture<Void> setTopicAttributes(String name, Integer maxMsgSize) {
        CompletableFuture<Void> written;
        synchronized (lock) {
            Topic t = require(name);
            if (maxMsgSize == null) {
                return CompletableFuture.completedFuture(null);
            }
            t.meta = t.meta.withMaxMsgSize(checkSize(maxMsgSize), broker.now());
            written = broker.store().write(List.of(new Mutation.PutNodeValue(t.meta.key(), t.meta.encode())));
        }
        return written.handle(Broker::orUnavailable);
    }

    TopicPage listTopics(String searchWord, int offset, int limit) {
        List<Topic> matching = topics.values().stream().filter(t -> matches(t.meta.name(), searchWord))
                .sorted(Comparator.comparing(t -> Topic.key(t.meta.name()))).toList();
        checkPaging(offset, limit);
        return new TopicPage(matching.size(), matching.stream().skip(offset).limit(limit).map(Topic::ref).toList());
    }

    TopicAttributes getTopicAttributes(String name) {
        Topic t = require(name);
        long pending = 0;
        for (Subscription s : t.subscriptions.values()) {
            pending += s.pushQueue == null ? 0 : s.pushQueue.size();
        }
        TopicMeta m = t.meta;
        return new TopicAttributes(t.ref(), m.maxMsgSize(), limits.msgRetentionSeconds(), m.filterType(),
                m.createTime(), m.lastModifyTime(), pending);
    }

    CompletableFuture<Void> deleteTopic(String name) {
        CompletableFuture<Void> written;
        synchronized (lock) {
            Topic t = require(name);
            if (!t.subscriptions.isEmpty()) {
                throw new QueueException(ErrorReason.TOPIC_HAS_SUBSCRIPTIONS,
                        "topic " + name + " still has " + t.subscriptions.size() + " subscriptions");
            }
            topics.remove(Topic.key(name));
            written = broker.store().write(List.of(new Mutation.DeleteNodeValue(t.meta.key())));
        }
        return written.handle(Broker::orUnavailable);
    }

    // ---------------------------------------------------------------- publish

    CompletableFuture<List<SentMessage>> publish(String name, List<byte[]> bodies, List<String> tags, String routingKey) {
        Topic topic = require(name);
        TopicMeta meta = topic.meta;
        var queueLimits = broker.limits();
        if (bodies == null || bodies.isEmpty() || bodies.size() > queueLimits.maxBatchSize()) {
            throw new QueueException(ErrorReason.BATCH_SIZE_OUT_OF_RANGE, "a batch holds 1 to " + queueLimits.maxBatchSize() + " messages");
        }
        long total = 0;
        for (byte[] b : bodies) {
            if (b == null || b.length == 0) {
                throw new QueueException(ErrorReason.EMPTY_MESSAGE_BODY, "msgBody");
            }
            if (b.length > meta.maxMsgSize()) {
                throw new QueueException(ErrorReason.MESSAGE_TOO_LARGE,
                        "message of " + b.length + " bytes exceeds the topic's maxMsgSize " + meta.maxMsgSize());
            }
            total += b.length;
        }
        if (total > queueLimits.maxBatchBytes()) {
            throw new QueueException(ErrorReason.BATCH_TOO_LARGE, "batch of " + total + " bytes exceeds " + queueLimits.maxBatchBytes());
        }
        List<String> messageTags = TopicRules.tags(tags, limits, "msgTag");
        if (meta.filterType() == FilterType.ROUTING_KEY) {
            TopicRules.routingKey(routingKey, limits);
        }
        List<Subscription> subs = List.copyOf(topic.subscriptions.values());
        if (subs.isEmpty()) {
            throw new QueueException(ErrorReason.TOPIC_HAS_NO_SUBSCRIPTION, "topic " + name + " has no subscription");
        }
        List<Subscription> matching = subs.stream().filter(s -> meta.filterType() == FilterType.TAG
                ? SubscriptionFilter.tagsMatch(s.meta.filterTags(), messageTags)
                : SubscriptionFilter.routingMatches(s.meta.bindingKeys(), routingKey)).toList();
        if (matching.isEmpty()) {
            throw new QueueException(ErrorReason.NO_MATCHING_SUBSCRIPTION,
                    "no subscription of topic " + name + " matches the message's tags or routing key");
        }
        long now = broker.now();
        List<String> ids = new ArrayList<>(bodies.size());
        List<byte[]> envelopes = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            String id = topic.nextMsgId();
            ids.add(id);
            envelopes.add(new PushEnvelope(id, now, messageTags, body).encode());
        }
        List<Mutation> mutations = new ArrayList<>();
        List<QueueEngine.Append> appends = new ArrayList<>();
        List<Subscription> queueTargets = new ArrayList<>();
        QueueException lastFailure = null;
        for (Subscription s : matching) {
            QueueEngine target = s.pushQueue != null ? s.pushQueue : broker.find(s.meta.endpoint());
            try {
                if (target == null) {
                    throw new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue " + s.meta.endpoint() + " does not exist");
                }
                appends.add(target.prepareFanOut(s.pushQueue != null ? envelopes : bodies, now, mutations));
                if (s.pushQueue == null) {
                    queueTargets.add(s);
                }
            } catch (QueueException e) {
                // A full or missing target queue must not block the other subscriptions.
                s.recordFailure(e.detail(), now);
                lastFailure = e;
            }
        }
        if (appends.isEmpty()) {
            throw lastFailure;
        }
        return broker.store().write(mutations).handle((ok, error) -> {
            for (QueueEngine.Append a : appends) {
                a.failed = error != null;
                a.queue.completeAppend(a);
            }
            if (error != null) {
                throw Broker.unavailable(error);
            }
            queueTargets.forEach(s -> s.delivered.addAndGet(bodies.size()));
            return ids.stream().map(id -> new SentMessage(id, -1)).toList(); // a topic message has no queue sequence number
        });
    }

    // ---------------------------------------------------------------- subscriptions

    CompletableFuture<SubscriptionRef> subscribe(String topicName, String subName, SubscriptionSettings settings) {
        NameRules.check(subName, NameRules.MAX_TOPIC_NAME_LENGTH, ErrorReason.INVALID_SUBSCRIPTION_NAME, "subscription");
        if (settings == null || settings.protocol() == null) {
            throw new QueueException(ErrorReason.MISSING_PARAMETER, "protocol");
        }
        Subscription sub;
        CompletableFuture<Void> written;
        synchronized (lock) {
            Topic topic = require(topicName);
            if (topic.subscriptions.containsKey(Topic.key(subName))) {
                throw new QueueException(ErrorReason.SUBSCRIPTION_ALREADY_EXISTS, "subscription " + subName + " already exists");
            }
            if (topic.subscriptions.size() >= limits.maxSubscriptionsPerTopic()) {
                throw new QueueException(ErrorReason.SUBSCRIPTION_LIMIT_REACHED,
                        "topic " + topicName + " has " + limits.maxSubscriptionsPerTopic() + " subscriptions already");
            }
            SubscriptionProtocol protocol = settings.protocol();
            ContentFormat format;
            String endpoint = settings.endpoint();
            if (protocol == SubscriptionProtocol.QUEUE) {
                if (settings.notifyContentFormat() != null && settings.notifyContentFormat() != ContentFormat.SIMPLIFIED) {
                    throw new QueueException(ErrorReason.QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED, "notifyContentFormat");
                }
                format = ContentFormat.SIMPLIFIED;
                QueueEngine q = endpoint == null ? null : broker.find(endpoint);
                if (q == null) {
                    throw new QueueException(ErrorReason.INVALID_ENDPOINT, "queue " + endpoint + " does not exist");
                }
                endpoint = q.name();
            } else {
                TopicRules.httpEndpoint(endpoint, limits);
                format = settings.notifyContentFormat() == null ? ContentFormat.JSON : settings.notifyContentFormat();
            }
            NotifyStrategy strategy = settings.notifyStrategy() == null
                    ? NotifyStrategy.EXPONENTIAL_DECAY_RETRY : settings.notifyStrategy();
            List<String> filterTags = TopicRules.tags(settings.filterTags(), limits, "filterTag");
            List<String> bindingKeys = TopicRules.bindingKeys(settings.bindingKeys(), limits);
            if (topic.meta.filterType() == FilterType.ROUTING_KEY && bindingKeys.isEmpty()) {
                throw new QueueException(ErrorReason.MISSING_BINDING_KEY, "bindingKey is required on a routing-key topic");
            }
            long now = broker.now();
            long id = nextId++;
            List<Mutation> mutations = new ArrayList<>();
            mutations.add(nextIdValue());
            QueueEngine pushQueue = null;
            String pushQueueName = null;
            if (protocol != SubscriptionProtocol.QUEUE) {
                pushQueueName = PUSH_QUEUE_PREFIX + id;
                pushQueue = broker.createInternalQueue(pushQueueName, pushQueueConfig(), now, mutations);
            }
            SubscriptionMeta meta = new SubscriptionMeta(id, topic.meta.topicId(), subName, protocol, endpoint, strategy,
                    format, filterTags, bindingKeys, now, now, pushQueueName);
            mutations.add(new Mutation.PutNodeValue(meta.key(), meta.encode()));
            sub = new Subscription(meta, topic, pushQueue);
            topic.subscriptions.put(Topic.key(subName), sub);
            written = broker.store().write(mutations);
        }
        return written.handle((ok, error) -> {
            if (error != null) {
                throw Broker.unavailable(error);
            }
            startPump(sub);
            return sub.ref();
        });
    }

    CompletableFuture<Void> unsubscribe(String topicName, String subName) {
        CompletableFuture<Void> written;
        synchronized (lock) {
            Topic topic = require(topicName);
            Subscription s = requireSub(topic, subName);
            topic.subscriptions.remove(Topic.key(subName));
            if (s.pump != null) {
                s.pump.stop();
            }
            List<Mutation> mutations = new ArrayList<>();
            mutations.add(new Mutation.DeleteNodeValue(s.meta.key()));
            if (s.pushQueue != null) {
                broker.dropInternalQueue(s.pushQueue, mutations);
            }
            written = broker.store().write(mutations);
        }
        return written.handle(Broker::orUnavailable);
    }

    SubscriptionPage listSubscriptions(String topicName, String searchWord, int offset, int limit) {
        Topic topic = require(topicName);
        checkPaging(offset, limit);
        List<Subscription> matching = topic.subscriptions.values().stream()
                .filter(s -> matches(s.meta.name(), searchWord))
                .sorted(Comparator.comparing(s -> Topic.key(s.meta.name()))).toList();
        return new SubscriptionPage(matching.size(), matching.stream().skip(offset).limit(limit)
                .map(s -> new SubscriptionSummary(s.ref(), s.meta.protocol(), s.meta.endpoint())).toList());
    }

    SubscriptionAttributes getSubscriptionAttributes(String topicName, String subName) {
        Topic topic = require(topicName);
        Subscription s = requireSub(topic, subName);
        SubscriptionMeta m = s.meta;
        return new SubscriptionAttributes(s.ref(), topic.ref(), m.protocol(), m.endpoint(), m.strategy(), m.format(),
                m.filterTags(), m.bindingKeys(), m.createTime(), m.lastModifyTime(),
                s.pushQueue == null ? 0 : s.pushQueue.size(), s.delivered.get(), s.failedAttempts.get(),
                s.lastError, s.lastErrorTime);
    }

    CompletableFuture<Void> setSubscriptionAttributes(String topicName, String subName, SubscriptionChanges c) {
        CompletableFuture<Void> written;
        synchronized (lock) {
            Topic topic = require(topicName);
            Subscription s = requireSub(topic, subName);
            SubscriptionMeta m = s.meta;
            ContentFormat format = c.notifyContentFormat() == null ? m.format() : c.notifyContentFormat();
            if (m.protocol() == SubscriptionProtocol.QUEUE && format != ContentFormat.SIMPLIFIED) {
                throw new QueueException(ErrorReason.QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED, "notifyContentFormat");
            }
            List<String> tags = c.filterTags() == null ? m.filterTags() : TopicRules.tags(c.filterTags(), limits, "filterTag");
            List<String> keys = c.bindingKeys() == null ? m.bindingKeys() : TopicRules.bindingKeys(c.bindingKeys(), limits);
            if (topic.meta.filterType() == FilterType.ROUTING_KEY && keys.isEmpty()) {
                throw new QueueException(ErrorReason.MISSING_BINDING_KEY, "bindingKey is required on a routing-key topic");
            }
            NotifyStrategy strategy = c.notifyStrategy() == null ? m.strategy() : c.notifyStrategy();
            s.meta = m.with(strategy, format, tags, keys, broker.now());
            written = broker.store().write(List.of(new Mutation.PutNodeValue(s.meta.key(), s.meta.encode())));
        }
        return written.handle(Broker::orUnavailable);
    }

    CompletableFuture<Void> clearSubscriptionFilterTags(String topicName, String subName) {
        return setSubscriptionAttributes(topicName, subName, new SubscriptionChanges(null, null, List.of(), null));
    }

    TopicLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- helpers

    private QueueConfig pushQueueConfig() {
        var q = broker.limits();
        return new QueueConfig(q.maxMaxMsgHeapNum(), 0, limits.pushLockSeconds(), Integer.MAX_VALUE,
                limits.msgRetentionSeconds(), 0, null);
    }

    private Mutation nextIdValue() {
        return new Mutation.PutNodeValue(NEXT_ID, ByteBuffer.allocate(8).putLong(nextId).array());
    }

    private int checkSize(int size) {
        if (size < limits.minMaxMsgSize() || size > limits.maxMaxMsgSize()) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                    "maxMsgSize must be between " + limits.minMaxMsgSize() + " and " + limits.maxMaxMsgSize());
        }
        return size;
    }

    private Topic require(String name) {
        if (name == null || name.isEmpty()) {
            throw new QueueException(ErrorReason.MISSING_PARAMETER, "topicName");
        }
        Topic t = topics.get(Topic.key(name));
        if (t == null) {
            throw new QueueException(ErrorReason.TOPIC_NOT_FOUND, "topic " + name + " does not exist");
        }
        return t;
    }

    private static Subscription requireSub(Topic topic, String name) {
        if (name == null || name.isEmpty()) {
            throw new QueueException(ErrorReason.MISSING_PARAMETER, "subscriptionName");
        }
        Subscription s = topic.subscriptions.get(Topic.key(name));
        if (s == null) {
            throw new QueueException(ErrorReason.SUBSCRIPTION_NOT_FOUND, "subscription " + name + " does not exist");
        }
        return s;
    }

    private static void checkPaging(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "offset and limit must not be negative");
        }
    }

    private static boolean matches(String name, String searchWord) {
        return searchWord == null || searchWord.isEmpty()
                || name.toLowerCase(Locale.ROOT).contains(searchWord.toLowerCase(Locale.ROOT));
    }
}
