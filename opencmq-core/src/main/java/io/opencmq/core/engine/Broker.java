package io.opencmq.core.engine;

import io.opencmq.core.QueueService;
import io.opencmq.core.TopicService;
import io.opencmq.core.delivery.ParkedReceive;
import io.opencmq.core.delivery.ReceiptHandleCodec;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueueConfigs;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.core.topic.SubscriptionAttributes;
import io.opencmq.core.topic.SubscriptionChanges;
import io.opencmq.core.topic.SubscriptionPage;
import io.opencmq.core.topic.SubscriptionRef;
import io.opencmq.core.topic.SubscriptionSettings;
import io.opencmq.core.topic.TopicAttributes;
import io.opencmq.core.topic.TopicPage;
import io.opencmq.core.topic.TopicRef;
import io.opencmq.core.topic.TopicSettings;
import io.opencmq.core.time.Clock;
import io.opencmq.core.time.Scheduler;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The queue engine of one node: the registry of queues and the {@link QueueService} that
 * protocols call. It recovers every queue from the {@link MessageStore} when opened, runs a
 * once-a-second housekeeping pass (retention, prefix cleanup, timer fallback) on the
 * {@link Scheduler}, and takes every wall-clock reading from the {@link Clock}.
 *
 * <p>Thread-safety: all public methods may be called from any thread. Queue-level state is
 * guarded by each queue's own lock (see {@link QueueEngine}); creating, deleting and
 * reconfiguring queues is serialized by {@code registryLock}, which is taken before any
 * queue lock, never after.
 */
public final class Broker implements QueueService, TopicService, AutoCloseable {
    private static final String RECEIPT_KEY = "receiptKey";
    private static final String NEXT_QUEUE_ID = "nextQueueId";
    private static final int DELAY_CAPACITY = 100_000;

    private final MessageStore store;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BrokerOptions options;
    private final ReceiptHandleCodec receipts;
    private final Map<String, QueueEngine> queues = new ConcurrentHashMap<>();
    private final Object registryLock = new Object();
    private final AtomicLong lockIds = new AtomicLong();
    /** Push request ids: a random per-process prefix keeps them unique across restarts. */
    private final String pushRequestPrefix = Long.toHexString(new SecureRandom().nextLong() >>> 1) + "-";
    private final AtomicLong pushRequests = new AtomicLong();
    private final AtomicInteger parked = new AtomicInteger();
    /** FIFO deduplication ids remembered by all queues (bounded by {@code options.maxDedupIds}). */
    private final AtomicLong dedupIds = new AtomicLong();
    private long nextQueueId;
    private TopicRegistry topics;
    private final MessageMoves moves = new MessageMoves(this);
    private volatile boolean closed;
    private volatile Scheduler.Cancellable housekeeping;

    private Broker(MessageStore store, Clock clock, Scheduler scheduler, BrokerOptions options, byte[] receiptKey) {
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.options = options;
        this.receipts = new ReceiptHandleCodec(receiptKey);
    }

    /** A broker whose HTTP subscriptions cannot push (embeddings and tests without HTTP). */
    public static Broker open(MessageStore store, Clock clock, Scheduler scheduler, BrokerOptions options) {
        return open(store, clock, scheduler, options, PushTransport.UNAVAILABLE);
    }

    /**
     * Recovers every queue, topic, subscription and message move task from {@code store}, starts
     * housekeeping and the push delivery of HTTP subscriptions through {@code transport}.
     */
    public static Broker open(MessageStore store, Clock clock, Scheduler scheduler, BrokerOptions options,
                              PushTransport transport) {
        byte[] key = store.readNodeValue(RECEIPT_KEY);
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            store.write(List.of(new Mutation.PutNodeValue(RECEIPT_KEY, key))).join();
        }
        Broker broker = new Broker(store, clock, scheduler, options, key);
        byte[] nextId = store.readNodeValue(NEXT_QUEUE_ID);
        broker.nextQueueId = nextId == null ? 1 : ByteBuffer.wrap(nextId).getLong();
        Map<Long, MessageStore.QueueExtent> extents = store.queueExtents();
        Map<Long, QueueEngine> byId = new java.util.HashMap<>();
        for (Map.Entry<Long, byte[]> e : store.loadQueueMetas().entrySet()) {
            QueueMeta meta = QueueMeta.decode(e.getKey(), e.getValue());
            QueueEngine q = QueueEngine.recover(broker, meta,
                    extents.getOrDefault(meta.queueId(), MessageStore.QueueExtent.EMPTY));
            byId.put(meta.queueId(), q);
            broker.queues.put(key(meta.name()), q);
            broker.nextQueueId = Math.max(broker.nextQueueId, meta.queueId() + 1);
        }
        store.forEachAckChunk((queueId, chunk, bits) -> {
            QueueEngine q = byId.get(queueId);
            if (q != null) {
                q.loadAckChunk(chunk, bits);
            }
        });
        long now = broker.now();
        for (QueueEngine q : byId.values()) {
            q.rebuildDedup(now);
        }
        broker.topics = new TopicRegistry(broker, options.topicLimits(), transport);
        broker.topics.recover();
        broker.moves.recover();
        broker.topics.startPumps();
        broker.scheduleHousekeeping();
        return broker;
    }

    // ---------------------------------------------------------------- queue management

    @Override
    public CompletableFuture<QueueRef> createQueue(String queueName, QueueSettings settings) {
        return async(() -> {
            QueueConfigs.checkName(queueName, settings != null && settings.fifo() != null, limits());
            long now = now();
            CompletableFuture<Void> written;
            QueueEngine engine;
            synchronized (registryLock) {
                checkOpen();
                if (queues.containsKey(key(queueName))) {
                    throw new QueueException(ErrorReason.QUEUE_ALREADY_EXISTS, "queue " + queueName + " already exists");
                }
                if (queues.size() >= limits().maxQueues()) {
                    throw new QueueException(ErrorReason.QUEUE_LIMIT_REACHED,
                            "the number of queues has reached the limit of " + limits().maxQueues());
                }
                QueueConfig config = QueueConfigs.apply(QueueConfigs.defaults(limits()),
                        settings == null ? QueueSettings.NONE : settings, limits());
                checkDeadLetterTarget(queueName, config.deadLetterPolicy(), config.isFifo());
                long id = nextQueueId++;
                QueueMeta meta = new QueueMeta(id, queueName, now, now, 0, config);
                engine = QueueEngine.create(this, meta);
                queues.put(key(queueName), engine);
                written = store.write(List.of(
                        new Mutation.PutNodeValue(NEXT_QUEUE_ID, ByteBuffer.allocate(8).putLong(nextQueueId).array()),
                        new Mutation.PutQueueMeta(id, meta.encode())));
            }
            return written.handle((ok, error) -> {
                if (error != null) {
                    throw unavailable(error);
                }
                return engine.ref();
            });
        });
    }

    @Override
    public CompletableFuture<Void> deleteQueue(String queueName) {
        return async(() -> {
            QueueEngine engine;
            CompletableFuture<Void> written;
            List<ParkedReceive> parked;
            synchronized (registryLock) {
                checkOpen();
                engine = require(queueName);
                queues.remove(key(queueName));
                // Dropped before the write: a housekeeping pass still holding the queue writes
                // (its meta, say) before this returns, so nothing of it lands after DropQueue.
                parked = engine.drop();
                List<Mutation> mutations = new ArrayList<>();
                mutations.add(new Mutation.DropQueue(engine.id()));
                moves.sourceDeleted(engine.name(), mutations);
                written = store.write(mutations);
            }
            QueueException gone = new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue " + queueName + " was deleted");
            for (ParkedReceive p : parked) {
                unpark();
                p.result.completeExceptionally(gone);
            }
            return written.handle((ok, error) -> {
                if (error != null) {
                    throw unavailable(error);
                }
                return null;
            });
        });
    }

    @Override
    public QueuePage listQueues(String searchWord, int offset, int limit) {
        return page(queues.values().stream().filter(q -> !isInternal(q.name()) && matches(q.name(), searchWord)).toList(),
                offset, limit);
    }

    @Override
    public QueueAttributes getQueueAttributes(String queueName) {
        checkOpen();
        return require(queueName).attributes(now());
    }

    @Override
    public QueueConfig getQueueConfig(String queueName) {
        checkOpen();
        return require(queueName).config();
    }

    @Override
    public CompletableFuture<QueueConfig> setQueueAttributes(String queueName, QueueSettings changes) {
        return async(() -> {
            CompletableFuture<Void> written;
            QueueConfig config;
            synchronized (registryLock) {
                checkOpen();
                QueueEngine engine = require(queueName);
                if (changes.fifo() != null && !engine.config().isFifo()) {
                    throw new QueueException(ErrorReason.QUEUE_KIND_MISMATCH,
                            "queue " + engine.name() + " is a standard queue and cannot become a FIFO queue");
                }
                config = QueueConfigs.apply(engine.config(), changes, limits());
                if (changes.deadLetterPolicy() != null) {
                    checkDeadLetterTarget(engine.name(), config.deadLetterPolicy(), config.isFifo());
                }
                written = engine.reconfigure(config, now());
            }
            return written.handle((ok, error) -> {
                if (error != null) {
                    throw unavailable(error);
                }
                return config;
            });
        });
    }

    @Override
    public CompletableFuture<QueueRef> unbindDeadLetterQueue(String queueName) {
        return async(() -> {
            CompletableFuture<Void> written;
            QueueEngine engine;
            synchronized (registryLock) {
                checkOpen();
                engine = require(queueName);
                QueueConfig c = engine.config();
                if (c.deadLetterPolicy() == null) {
                    throw new QueueException(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND,
                            "queue " + queueName + " has no dead-letter queue");
                }
                QueueConfig unbound = c.withDeadLetterPolicy(null);
                written = engine.reconfigure(unbound, now());
            }
            return written.handle((ok, error) -> {
                if (error != null) {
                    throw unavailable(error);
                }
                return engine.ref();
            });
        });
    }

    @Override
    public QueuePage listDeadLetterSourceQueues(String deadLetterQueueName, String searchWord, int offset, int limit) {
        QueueEngine target = require(deadLetterQueueName);
        return page(queues.values().stream()
                .filter(q -> isSourceOf(q, target.name()) && matches(q.name(), searchWord))
                .toList(), offset, limit);
    }

    /** Cross-queue rules of a dead-letter policy. Caller holds registryLock. */
    private void checkDeadLetterTarget(String sourceName, DeadLetterPolicy policy, boolean fifo) {
        if (policy == null) {
            return;
        }
        QueueEngine target = find(policy.deadLetterQueue());
        if (target == null) {
            throw new QueueException(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND,
                    "dead-letter queue " + policy.deadLetterQueue() + " does not exist");
        }
        if (target.name().equalsIgnoreCase(sourceName)) {
            throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "a queue cannot be its own dead-letter queue");
        }
        if (target.config().isFifo() != fifo) {
            throw new QueueException(ErrorReason.QUEUE_KIND_MISMATCH, fifo
                    ? "the dead-letter queue of a FIFO queue must be a FIFO queue"
                    : "the dead-letter queue of a standard queue must be a standard queue");
        }
        if (target.config().deadLetterPolicy() != null) {
            throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID,
                    "queue " + target.name() + " has a dead-letter queue itself and cannot be one");
        }
        long sources = 0;
        for (QueueEngine q : queues.values()) {
            if (isSourceOf(q, sourceName)) {
                throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID,
                        "queue " + sourceName + " is the dead-letter queue of " + q.name() + " and cannot have one");
            }
            if (isSourceOf(q, target.name()) && !q.name().equalsIgnoreCase(sourceName)) {
                sources++;
            }
        }
        if (sources >= limits().maxDeadLetterSources()) {
            throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "dead-letter queue " + target.name()
                    + " already serves " + limits().maxDeadLetterSources() + " source queues");
        }
    }

    /** Whether some queue names {@code q} as its dead-letter queue. */
    boolean isDeadLetterQueue(QueueEngine q) {
        for (QueueEngine other : queues.values()) {
            if (isSourceOf(other, q.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSourceOf(QueueEngine q, String deadLetterQueueName) {
        DeadLetterPolicy p = q.config().deadLetterPolicy();
        return p != null && p.deadLetterQueue().equalsIgnoreCase(deadLetterQueueName);
    }

    // ---------------------------------------------------------------- messages

    @Override
    public CompletableFuture<Void> rewindQueue(String queueName, long startConsumeTimeMillis) {
        return async(() -> require(queueName).rewind(startConsumeTimeMillis, now()));
    }

    @Override
    public CompletableFuture<Void> purgeQueue(String queueName) {
        return async(() -> require(queueName).purge(now()));
    }

    @Override
    public CompletableFuture<List<SentMessage>> send(String queueName, List<byte[]> bodies, int delaySeconds) {
        return async(() -> {
            if (delaySeconds < 0) {
                throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "delaySeconds must not be negative");
            }
            return require(queueName).send(
                    bodies.stream().map(b -> new OutgoingMessage(b, null, delaySeconds)).toList(), now());
        });
    }

    @Override
    public CompletableFuture<List<SentMessage>> sendMessages(String queueName, List<OutgoingMessage> messages) {
        return async(() -> require(queueName).send(List.copyOf(messages), now()));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds) {
        return async(() -> require(queueName).receive(maxMessages, waitSeconds, now()));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds,
                                                            Integer visibilitySeconds) {
        return async(() -> {
            checkVisibility(visibilitySeconds);
            return require(queueName).receive(maxMessages, waitSeconds, visibilitySeconds, null, now());
        });
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(String queueName, int maxMessages, Integer waitSeconds,
                                                            Integer visibilitySeconds, String attemptId) {
        return async(() -> {
            checkVisibility(visibilitySeconds);
            return require(queueName).receive(maxMessages, waitSeconds, visibilitySeconds, attemptId, now());
        });
    }

    private void checkVisibility(Integer visibilitySeconds) {
        if (visibilitySeconds != null && (visibilitySeconds < 0 || visibilitySeconds > limits().maxVisibilityTimeout())) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                    "visibilityTimeout must be between 0 and " + limits().maxVisibilityTimeout());
        }
    }

    @Override
    public CompletableFuture<MessageMoveTask> startMessageMoveTask(String sourceQueue, String destinationQueue,
                                                                   Integer maxPerSecond) {
        return async(() -> {
            QueueEngine source = require(sourceQueue);
            QueueEngine destination = destinationQueue == null ? null : require(destinationQueue);
            return moves.start(source, destination, maxPerSecond, now());
        });
    }

    @Override
    public List<MessageMoveTask> listMessageMoveTasks(String sourceQueue, int max) {
        checkOpen();
        if (max < 1) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "max must be at least 1");
        }
        return moves.list(require(sourceQueue), max);
    }

    @Override
    public MessageMoveTask cancelMessageMoveTask(String taskHandle) {
        checkOpen();
        return moves.cancel(taskHandle);
    }

    @Override
    public CompletableFuture<Void> deleteMessage(String queueName, String receiptHandle) {
        return async(() -> require(queueName).delete(receiptHandle, now()));
    }

    @Override
    public CompletableFuture<Void> changeMessageVisibility(String queueName, String receiptHandle, int seconds) {
        return async(() -> {
            QueueEngine q = require(queueName);
            if (seconds < 0 || seconds > limits().maxVisibilityTimeout()) {
                throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                        "visibilityTimeout must be between 0 and " + limits().maxVisibilityTimeout());
            }
            q.changeVisibility(receiptHandle, seconds, now());
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<List<DeleteOutcome>> deleteMessages(String queueName, List<String> receiptHandles) {
        return async(() -> require(queueName).deleteAll(receiptHandles, now()));
    }

    @Override
    public QueueLimits limits() {
        return options.limits();
    }

    /** Number of long-poll receives parked right now. */
    public int parkedReceives() {
        return parked.get();
    }

    /** Runs one housekeeping pass now (tests; production runs it every second). */
    public void housekeep() {
        long now = now();
        for (QueueEngine q : queues.values()) {
            q.housekeep(now);
        }
    }

    /**
     * Stops serving: answers every parked receive with no messages and stops housekeeping.
     * The store stays open; its owner closes it after this.
     */
    @Override
    public void close() {
        moves.saveRunning();
        closed = true;
        if (topics != null) {
            topics.stopPumps();
        }
        Scheduler.Cancellable h = housekeeping;
        if (h != null) {
            h.cancel();
        }
        for (QueueEngine q : queues.values()) {
            for (ParkedReceive p : q.drop()) {
                unpark();
                p.result.complete(List.of());
            }
        }
    }

    // ---------------------------------------------------------------- topics

    @Override
    public CompletableFuture<TopicRef> createTopic(String topicName, TopicSettings settings) {
        return async(() -> topics.createTopic(topicName, settings));
    }

    @Override
    public CompletableFuture<Void> setTopicAttributes(String topicName, Integer maxMsgSize) {
        return async(() -> topics.setTopicAttributes(topicName, maxMsgSize));
    }

    @Override
    public TopicPage listTopics(String searchWord, int offset, int limit) {
        return topics.listTopics(searchWord, offset, limit);
    }

    @Override
    public TopicAttributes getTopicAttributes(String topicName) {
        return topics.getTopicAttributes(topicName);
    }

    @Override
    public CompletableFuture<Void> deleteTopic(String topicName) {
        return async(() -> topics.deleteTopic(topicName));
    }

    @Override
    public CompletableFuture<List<SentMessage>> publish(String topicName, List<byte[]> bodies, List<String> tags,
                                                        String routingKey) {
        return async(() -> topics.publish(topicName, bodies, tags, routingKey));
    }

    @Override
    public CompletableFuture<SubscriptionRef> subscribe(String topicName, String subscriptionName,
                                                        SubscriptionSettings settings) {
        return async(() -> topics.subscribe(topicName, subscriptionName, settings));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topicName, String subscriptionName) {
        return async(() -> topics.unsubscribe(topicName, subscriptionName));
    }

    @Override
    public SubscriptionPage listSubscriptions(String topicName, String searchWord, int offset, int limit) {
        return topics.listSubscriptions(topicName, searchWord, offset, limit);
    }

    @Override
    public SubscriptionAttributes getSubscriptionAttributes(String topicName, String subscriptionName) {
        return topics.getSubscriptionAttributes(topicName, subscriptionName);
    }

    @Override
    public CompletableFuture<Void> setSubscriptionAttributes(String topicName, String subscriptionName,
                                                             SubscriptionChanges changes) {
        return async(() -> topics.setSubscriptionAttributes(topicName, subscriptionName, changes));
    }

    @Override
    public CompletableFuture<Void> clearSubscriptionFilterTags(String topicName, String subscriptionName) {
        return async(() -> topics.clearSubscriptionFilterTags(topicName, subscriptionName));
    }

    @Override
    public io.opencmq.core.limits.TopicLimits topicLimits() {
        return options.topicLimits();
    }

    // ---------------------------------------------------------------- for QueueEngine

    MessageStore store() {
        return store;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ReceiptHandleCodec receipts() {
        return receipts;
    }

    long now() {
        return clock.millis();
    }

    int readyWindow() {
        return options.readyWindow();
    }

    /** Whether {@code more} deduplication ids still fit the node-wide budget. */
    boolean dedupIdsFit(int more) {
        return dedupIds.get() + more <= options.maxDedupIds();
    }

    /** A queue's count of remembered deduplication ids changed by {@code delta}. */
    void dedupIdsChanged(long delta) {
        dedupIds.addAndGet(delta);
    }

    int delayCapacity() {
        return DELAY_CAPACITY;
    }

    /** A new id for one push attempt (the x-cmq-request-id header). */
    String nextPushRequestId() {
        return pushRequestPrefix + Long.toHexString(pushRequests.incrementAndGet());
    }

    long nextLockId() {
        return lockIds.incrementAndGet();
    }

    boolean tryPark() {
        if (closed) {
            return false;
        }
        if (parked.incrementAndGet() > options.maxParkedReceives()) {
            parked.decrementAndGet();
            return false;
        }
        return true;
    }

    void unpark() {
        parked.decrementAndGet();
    }

    /** A queue clients may address: never a hidden push queue. */
    QueueEngine find(String queueName) {
        return queueName == null || isInternal(queueName) ? null : queues.get(key(queueName));
    }

    QueueEngine findInternal(String queueName) {
        return queues.get(key(queueName));
    }

    /** Registers a hidden queue (an HTTP subscription's push queue); the caller writes the mutations. */
    QueueEngine createInternalQueue(String name, QueueConfig config, long now, List<Mutation> into) {
        synchronized (registryLock) {
            checkOpen();
            long id = nextQueueId++;
            QueueMeta meta = new QueueMeta(id, name, now, now, 0, config);
            QueueEngine engine = QueueEngine.create(this, meta);
            queues.put(key(name), engine);
            into.add(new Mutation.PutNodeValue(NEXT_QUEUE_ID, ByteBuffer.allocate(8).putLong(nextQueueId).array()));
            into.add(new Mutation.PutQueueMeta(id, meta.encode()));
            return engine;
        }
    }

    /** Removes a hidden queue; the caller writes the mutations. */
    void dropInternalQueue(QueueEngine engine, List<Mutation> into) {
        synchronized (registryLock) {
            queues.remove(key(engine.name()));
            into.add(new Mutation.DropQueue(engine.id()));
        }
        for (ParkedReceive p : engine.drop()) {
            unpark();
            p.result.complete(List.of());
        }
    }

    boolean isClosed() {
        return closed;
    }

    private static boolean isInternal(String queueName) {
        return queueName.startsWith(TopicRegistry.PUSH_QUEUE_PREFIX);
    }

    /** For {@code future.handle(Broker::orUnavailable)} on writes that return nothing. */
    static Void orUnavailable(Void ok, Throwable error) {
        if (error != null) {
            throw unavailable(error);
        }
        return null;
    }

    static QueueException unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof QueueException qe) {
            return qe;
        }
        return new QueueException(ErrorReason.UNAVAILABLE, "storage failed: " + cause);
    }

    // ---------------------------------------------------------------- helpers

    private QueueEngine require(String queueName) {
        if (queueName == null || queueName.isEmpty()) {
            throw new QueueException(ErrorReason.MISSING_PARAMETER, "queueName");
        }
        QueueEngine q = find(queueName);
        if (q == null) {
            throw new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue " + queueName + " does not exist");
        }
        return q;
    }

    private void checkOpen() {
        if (closed) {
            throw new QueueException(ErrorReason.UNAVAILABLE, "the server is shutting down");
        }
    }

    private <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> call) {
        try {
            checkOpen();
            return call.get();
        } catch (QueueException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new QueueException(ErrorReason.INTERNAL, e.toString()));
        }
    }

    private void scheduleHousekeeping() {
        if (closed) {
            return;
        }
        housekeeping = scheduler.schedule(() -> {
            try {
                housekeep();
            } finally {
                scheduleHousekeeping();
            }
        }, 1000);
    }

    private static String key(String queueName) {
        return queueName.toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String name, String searchWord) {
        return searchWord == null || searchWord.isEmpty()
                || name.toLowerCase(Locale.ROOT).contains(searchWord.toLowerCase(Locale.ROOT));
    }

    private static QueuePage page(List<QueueEngine> matching, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "offset and limit must not be negative");
        }
        List<QueueEngine> sorted = new ArrayList<>(matching);
        sorted.sort(Comparator.comparing(q -> q.name().toLowerCase(Locale.ROOT)));
        List<QueueRef> refs = sorted.stream().skip(offset).limit(limit).map(QueueEngine::ref).toList();
        return new QueuePage(sorted.size(), refs);
    }
}
