package io.opencmq.core.engine;

import io.opencmq.core.delay.DelaySchedule;
import io.opencmq.core.delivery.AckSet;
import io.opencmq.core.delivery.MessageEnvelope;
import io.opencmq.core.delivery.ParkedReceive;
import io.opencmq.core.delivery.ReadyMessage;
import io.opencmq.core.delivery.ReceiptHandleCodec;
import io.opencmq.core.delivery.VisibilityLock;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.StoredMessage;
import io.opencmq.core.time.Scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One queue: its sequence space, locks, delay timer and parked receivers.
 *
 * <p>Messages get ascending sequence numbers (seq) when sent. Everything about a message
 * that must survive a restart is on disk (body, enqueue time, delay, deleted bit); the heap
 * holds only what is in motion:
 * <ul>
 *   <li>{@code ready}: a bounded window of receivable messages in seq order, refilled from
 *       disk by a scan cursor;</li>
 *   <li>{@code inflight}: the visibility locks of received messages;</li>
 *   <li>{@code acks}: one bit per deleted message;</li>
 *   <li>{@code delays}: the near future of the delay timer;</li>
 *   <li>{@code waiters}: parked long polls.</li>
 * </ul>
 * Every seq in [head, next) is exactly one of: deleted (in acks), locked (in inflight), ready
 * (in the window), waiting for its delay, or not yet scanned (at or after the cursor).
 * Messages become receivable only once their write is durable ({@code durable}).
 *
 * <p>Thread-safety: every method that touches state is synchronized on this object. Futures
 * are completed after the lock is released. Lock order: a source queue may take its dead-letter
 * queue's lock while holding its own, never the reverse (dead-letter queues cannot have a
 * dead-letter queue themselves).
 */
final class QueueEngine {
    private final Broker broker;
    private final long id;
    private final String name;
    private final String publicId;
    private final long createTime;
    private long lastModifyTime;
    private QueueConfig config;

    private long head;
    private long next;
    private long durable;
    private long cursor;
    private long seqFloor;
    private long lastEnqueueTime;
    /**
     * FIFO: the latest visibleAt given to a message. A FIFO message never becomes receivable
     * before one sent earlier, so that a message waiting for its delay still comes before its
     * group's later messages, even after the queue's delay was lowered.
     */
    private long lastVisibleAt;
    /** Seqs below this were dropped by retention (a FIFO queue keeps them on disk, deleted, for deduplication). */
    private long expiredThrough;
    private final AckSet acks = new AckSet();
    private final TreeMap<Long, ReadyMessage> ready = new TreeMap<>();
    private final Map<Long, VisibilityLock> inflight = new HashMap<>();
    /** Locks by expiry, ties in seq order (a FIFO group's messages must expire in their order). */
    private final PriorityQueue<VisibilityLock> expiries = new PriorityQueue<>((a, b) -> a.visibleAt() != b.visibleAt()
            ? Long.compare(a.visibleAt(), b.visibleAt()) : Long.compare(a.seq(), b.seq()));
    /**
     * Receive history of messages whose lock expired while they were at or after the cursor
     * (possible only after a rewind moved the cursor back): the scan picks them up in order
     * and restores their dequeue count from here.
     */
    private final Map<Long, ReadyMessage> carried = new HashMap<>();
    private final DelaySchedule delays;
    private final ArrayDeque<ParkedReceive> waiters = new ArrayDeque<>();
    private Scheduler.Cancellable wakeup;
    private long wakeupAt = Long.MAX_VALUE;
    private long nextRetentionCheck;
    /** Enqueue time of the message at {@code headTimeSeq}, cached for the retention check. */
    private long headTime;
    private long headTimeSeq = -1;
    private boolean dropped;

    /** How long a FIFO queue remembers a deduplication id and a receive attempt id. */
    static final long DEDUP_WINDOW_MILLIS = 5 * 60_000L;
    /** The group of FIFO messages fanned out from a topic (a topic has no groups of its own). */
    static final String FAN_OUT_GROUP = "topic";
    /** FIFO: locked messages per message group; a group in here is skipped by receives. */
    private final Map<String, Integer> lockedGroups = new HashMap<>();
    /** FIFO: deduplication key → first copy, oldest first (expiry grows with insertion). */
    private final LinkedHashMap<String, DedupEntry> dedup = new LinkedHashMap<>();
    /** How many of {@code dedup}'s entries this queue has counted in the broker's budget. */
    private int countedDedup;
    /** FIFO: receive attempt id → what that receive returned, oldest first. */
    private final LinkedHashMap<String, Attempt> attempts = new LinkedHashMap<>();

    /** The first copy of a deduplicated FIFO message; {@code pending} while its write is in flight. */
    private static final class DedupEntry {
        final String group;
        final String dedupId;
        String key;
        final long seq;
        final long expiresAt;
        Append pending;

        DedupEntry(String group, String dedupId, String key, long seq, long expiresAt) {
            this.group = group;
            this.dedupId = dedupId;
            this.key = key;
            this.seq = seq;
            this.expiresAt = expiresAt;
        }
    }

    /**
     * The deduplication key of a message: its id, or with deduplication per group the group's
     * length, the group and the id, so that no two (group, id) pairs share a key whatever
     * characters they hold.
     */
    static String dedupKey(boolean perGroup, String group, String dedupId) {
        return perGroup ? group.length() + ":" + group + dedupId : dedupId;
    }

    /** A FIFO receive that may be retried with the same attempt id. */
    private record Attempt(long expiresAt, List<VisibilityLock> locks) {
    }

    /**
     * Receive attempts remembered per queue at most: a client that sends a fresh attempt id with
     * every receive must not make the map grow with its rate; the oldest are forgotten first
     * (a retry of a forgotten attempt is an ordinary receive: at-least-once still holds).
     */
    private static final int MAX_ATTEMPTS = 10_000;

    /**
     * One message of an append, ready to store: {@code stored} are the attribute bytes with the
     * core's envelope, {@code delaySeconds} is resolved, {@code group} is the FIFO group or null.
     */
    record Entry(byte[] body, byte[] stored, int delaySeconds, String group) {
    }

    private QueueEngine(Broker broker, QueueMeta meta, DelaySchedule delays) {
        this.broker = broker;
        this.id = meta.queueId();
        this.name = meta.name();
        this.publicId = "queue-" + Long.toString(id, 36);
        this.createTime = meta.createTime();
        this.lastModifyTime = meta.lastModifyTime();
        this.config = meta.config();
        this.seqFloor = meta.seqFloor();
        this.delays = delays;
    }

    static QueueEngine create(Broker broker, QueueMeta meta) {
        QueueEngine q = new QueueEngine(broker, meta, DelaySchedule.empty(broker.delayCapacity()));
        q.head = q.next = q.durable = q.cursor = meta.seqFloor();
        return q;
    }

    /**
     * Rebuilds a queue's in-memory state after a restart from what the store holds of it
     * ({@code extent}, read for all queues at once); every lock is gone. The caller then feeds
     * the queue's ack chunks to {@link #loadAckChunk}.
     */
    static QueueEngine recover(Broker broker, QueueMeta meta, io.opencmq.core.spi.MessageStore.QueueExtent extent) {
        QueueEngine q = new QueueEngine(broker, meta,
                DelaySchedule.recovered(broker.delayCapacity(), extent.delayCount()));
        q.next = Math.max(extent.lastSeq() + 1, meta.seqFloor());
        // Below seqFloor everything was purged, even a write that landed after the purge.
        q.head = extent.firstSeq() >= 0 ? Math.max(extent.firstSeq(), meta.seqFloor()) : q.next;
        q.durable = q.next;
        q.cursor = q.head;
        q.lastEnqueueTime = extent.lastEnqueueTimeMillis();
        if (meta.config().isFifo() && extent.lastSeq() >= q.head) {
            StoredMessage last = broker.store().readMessage(q.id, extent.lastSeq());
            q.lastVisibleAt = last == null ? 0 : last.visibleAtMillis();
        }
        return q;
    }

    /** Recovery: one ack chunk read from disk. */
    void loadAckChunk(long chunk, long[] bits) {
        acks.load(chunk, bits, head, next);
    }

    long id() {
        return id;
    }

    String name() {
        return name;
    }

    QueueRef ref() {
        return new QueueRef(publicId, name);
    }

    synchronized QueueConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- send

    /**
     * Messages appended to this queue whose write is not yet durable: seqs [seq0, seq0 + n).
     * Appends prepared under the lock complete in any order (a topic publish writes several
     * queues in one batch), so {@code durable} only moves past a range once every earlier one
     * is durable too. A FIFO send may be answered partly or wholly by earlier copies
     * (deduplication): {@code results} has one id per message sent, {@code messages} only the
     * ones stored, and {@code waitsFor} the writes of first copies still in flight.
     */
    static final class Append {
        final QueueEngine queue;
        final long seq0;
        final List<Entry> messages;
        final long enqueueTime;
        final boolean delayed;
        final SentMessage[] results;
        final List<CompletableFuture<Void>> waitsFor;
        final List<DedupEntry> dedupEntries;
        /** Completed (or failed) once this append's write is done. */
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        boolean done;
        /** The write failed: nothing to deliver, but later appends must not wait for it. */
        boolean failed;

        Append(QueueEngine queue, long seq0, List<Entry> messages, long enqueueTime, boolean delayed,
               SentMessage[] results, List<CompletableFuture<Void>> waitsFor, List<DedupEntry> dedupEntries) {
            this.queue = queue;
            this.seq0 = seq0;
            this.messages = messages;
            this.enqueueTime = enqueueTime;
            this.delayed = delayed;
            this.results = results;
            this.waitsFor = waitsFor;
            this.dedupEntries = dedupEntries;
        }

        List<SentMessage> ids() {
            return List.of(results);
        }
    }

    private final ArrayDeque<Append> appending = new ArrayDeque<>();

    CompletableFuture<List<SentMessage>> send(List<OutgoingMessage> messages, long now) {
        CompletableFuture<Void> written;
        Append append;
        synchronized (this) {
            List<Mutation> mutations = new ArrayList<>(messages.size() * 2);
            append = prepareAppend(messages, now, mutations);
            // Written under the lock so that this queue's writes reach the journal in the order
            // of its other changes (a purge or trim after this send must land after it).
            written = mutations.isEmpty() ? CompletableFuture.completedFuture(null) : broker.store().write(mutations);
        }
        return settle(append, written);
    }

    /** Completes an append once written; its ids once the first copies it repeats are written too. */
    private static CompletableFuture<List<SentMessage>> settle(Append append, CompletableFuture<Void> written) {
        CompletableFuture<List<SentMessage>> ids = written.handle((ok, error) -> {
            append.failed = error != null;
            append.queue.completeAppend(append);
            if (error != null) {
                throw Broker.unavailable(error);
            }
            return append.ids();
        });
        if (append.waitsFor.isEmpty()) {
            return ids;
        }
        return ids.thenCompose(result -> CompletableFuture.allOf(append.waitsFor.toArray(CompletableFuture[]::new))
                .handle((ok, error) -> {
                    if (error != null) {
                        throw Broker.unavailable(error);
                    }
                    return result;
                }));
    }

    /**
     * Validates a send, assigns its seqs and adds its mutations to {@code into}; the caller
     * writes them and then calls {@link #completeAppend}.
     */
    synchronized Append prepareAppend(List<OutgoingMessage> messages, long now, List<Mutation> into) {
        checkLive();
        validateBatchSize(messages);
        validateSend(messages);
        validateBatchBytes(messages);
        List<Entry> entries = new ArrayList<>(messages.size());
        for (OutgoingMessage m : messages) {
            int delay = m.delaySeconds() == OutgoingMessage.QUEUE_DELAY ? config.delaySeconds() : m.delaySeconds();
            String group = config.isFifo() ? m.groupId() : null;
            byte[] stored = new MessageEnvelope(m.groupId(), m.dedupId(), null, m.attributes()).encode();
            entries.add(new Entry(m.body(), stored, delay, group));
        }
        return reserve(entries, config.isFifo() ? messages : null, now, into);
    }

    /**
     * Like {@link #prepareAppend} for a message fanned out from a topic: the topic has checked
     * the batch already; each message must still fit this queue's size and capacity. A FIFO
     * queue puts them in one group, in publish order, without deduplication.
     */
    synchronized Append prepareFanOut(List<byte[]> bodies, long now, List<Mutation> into) {
        checkLive();
        List<OutgoingMessage> messages = bodies.stream().map(OutgoingMessage::of).toList();
        validateSend(messages);
        if (!config.isFifo()) {
            return reserve(bodies.stream().map(b -> new Entry(b, null, 0, null)).toList(), null, now, into);
        }
        // Every FIFO message has a deduplication id (protocols rely on it); a fan-out's is
        // unique and never registered, so nothing is deduplicated.
        List<Entry> entries = new ArrayList<>(bodies.size());
        for (byte[] b : bodies) {
            String dedupId = "fan-out-" + java.util.UUID.randomUUID();
            entries.add(new Entry(b, new MessageEnvelope(FAN_OUT_GROUP, dedupId, null, null).encode(), 0, FAN_OUT_GROUP));
        }
        return reserve(entries, null, now, into);
    }

    /**
     * Messages that already lived in another queue (dead letters, or moved back from a
     * dead-letter queue): stored as they are, never deduplicated.
     */
    synchronized Append prepareMoved(List<Entry> entries, long now, List<Mutation> into) {
        checkLive();
        for (Entry e : entries) {
            if (e.body().length > config.maxMsgSize()) {
                throw new QueueException(ErrorReason.MESSAGE_TOO_LARGE,
                        "message of " + e.body().length + " bytes exceeds maxMsgSize " + config.maxMsgSize() + " of " + name);
            }
        }
        return reserve(entries, null, now, into);
    }

    /** Writes messages moved here from another queue; completes once they are durable. */
    CompletableFuture<Void> appendMoved(List<Entry> entries, long now) {
        CompletableFuture<Void> written;
        Append append;
        synchronized (this) {
            List<Mutation> mutations = new ArrayList<>(entries.size() * 2);
            append = prepareMoved(entries, now, mutations);
            written = broker.store().write(mutations);
        }
        return settle(append, written).thenApply(ids -> null);
    }

    /** Assigns seqs; {@code deduplicated} (FIFO sends only, else null) are the messages whose group and id deduplicate. */
    private Append reserve(List<Entry> entries, List<OutgoingMessage> deduplicated, long now, List<Mutation> into) {
        advance(now);
        long enqueueTime = Math.max(now, lastEnqueueTime);
        SentMessage[] results = new SentMessage[entries.size()];
        List<Entry> stored = entries;
        List<CompletableFuture<Void>> waitsFor = List.of();
        List<DedupEntry> fresh = List.of();
        if (deduplicated != null) {
            boolean perGroup = config.fifo().dedupPerGroup();
            stored = new ArrayList<>(entries.size());
            waitsFor = new ArrayList<>(0);
            fresh = new ArrayList<>(entries.size());
            long seq = next;
            for (int i = 0; i < entries.size(); i++) {
                OutgoingMessage m = deduplicated.get(i);
                String key = dedupKey(perGroup, m.groupId(), m.dedupId());
                DedupEntry first = dedup.get(key);
                if (first != null && first.expiresAt > now) {
                    results[i] = new SentMessage(msgId(first.seq), first.seq);
                    if (first.pending != null) {
                        waitsFor.add(first.pending.settled);
                    }
                    continue;
                }
                // The budget counts what countDedup reported; the ids not yet reported (this
                // batch's so far) come on top. forgetExpired reports them, so recompute after it.
                if (!broker.dedupIdsFit(dedup.size() - countedDedup + 1)) {
                    forgetExpired(now);
                    if (!broker.dedupIdsFit(dedup.size() - countedDedup + 1)) {
                        // Memory is the bound: every id is kept five minutes. Refusing is
                        // honest; forgetting ids early would silently store duplicates.
                        fresh.forEach(f -> dedup.remove(f.key));
                        countDedup();
                        throw new QueueException(ErrorReason.THROTTLED, "the server remembers its maximum of FIFO "
                                + "deduplication ids (each for five minutes); send more slowly or retry later");
                    }
                }
                if (first != null) {
                    dedup.remove(key); // expired: re-insert at the young end
                }
                DedupEntry e = new DedupEntry(m.groupId(), m.dedupId(), key, seq, enqueueTime + DEDUP_WINDOW_MILLIS);
                dedup.put(key, e);
                fresh.add(e);
                stored.add(entries.get(i));
                results[i] = new SentMessage(msgId(seq), seq);
                seq++;
            }
        } else {
            for (int i = 0; i < entries.size(); i++) {
                results[i] = new SentMessage(msgId(next + i), next + i);
            }
        }
        if (undeleted() + stored.size() > config.maxMsgHeapNum()) {
            fresh.forEach(e -> dedup.remove(e.key));
            countDedup();
            throw new QueueException(ErrorReason.QUEUE_FULL,
                    "queue " + name + " holds maxMsgHeapNum=" + config.maxMsgHeapNum() + " messages");
        }
        countDedup();
        long seq0 = next;
        next += stored.size();
        if (!stored.isEmpty()) {
            lastEnqueueTime = enqueueTime;
        }
        boolean anyDelayed = false;
        for (int i = 0; i < stored.size(); i++) {
            Entry m = stored.get(i);
            long seq = seq0 + i;
            long visibleAt = enqueueTime + m.delaySeconds() * 1000L;
            if (config.isFifo()) {
                visibleAt = Math.max(visibleAt, lastVisibleAt);
                lastVisibleAt = visibleAt;
            }
            into.add(new Mutation.PutMessage(id, seq, enqueueTime, visibleAt, m.body(), m.stored()));
            if (visibleAt > enqueueTime) {
                into.add(new Mutation.PutDelay(id, visibleAt, seq));
                delays.add(visibleAt, seq);
                anyDelayed = true;
            }
        }
        Append append = new Append(this, seq0, stored, enqueueTime, anyDelayed, results, waitsFor, fresh);
        fresh.forEach(e -> e.pending = append);
        appending.add(append);
        return append;
    }

    private void validateBatchSize(List<OutgoingMessage> messages) {
        var limits = broker.limits();
        if (messages.isEmpty() || messages.size() > limits.maxBatchSize()) {
            throw new QueueException(ErrorReason.BATCH_SIZE_OUT_OF_RANGE,
                    "a batch holds 1 to " + limits.maxBatchSize() + " messages");
        }
    }

    private void validateBatchBytes(List<OutgoingMessage> messages) {
        var limits = broker.limits();
        long total = 0;
        for (OutgoingMessage m : messages) {
            total += m.body().length;
        }
        if (total > limits.maxBatchBytes()) {
            throw new QueueException(ErrorReason.BATCH_TOO_LARGE,
                    "batch of " + total + " bytes exceeds " + limits.maxBatchBytes());
        }
    }

    private void validateSend(List<OutgoingMessage> messages) {
        for (OutgoingMessage m : messages) {
            byte[] body = m == null ? null : m.body();
            if (body == null || body.length == 0) {
                throw new QueueException(ErrorReason.EMPTY_MESSAGE_BODY, "msgBody");
            }
            if (body.length > config.maxMsgSize()) {
                throw new QueueException(ErrorReason.MESSAGE_TOO_LARGE,
                        "message of " + body.length + " bytes exceeds maxMsgSize " + config.maxMsgSize());
            }
            boolean queueDelay = m.delaySeconds() == OutgoingMessage.QUEUE_DELAY;
            if (!queueDelay && (m.delaySeconds() < 0 || m.delaySeconds() > config.msgRetentionSeconds())) {
                throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                        "delaySeconds must be between 0 and msgRetentionSeconds " + config.msgRetentionSeconds());
            }
            validateFifoFields(m);
        }
    }

    private void validateFifoFields(OutgoingMessage m) {
        if (config.isFifo()) {
            if (m.groupId() == null) {
                throw new QueueException(ErrorReason.MESSAGE_GROUP_REQUIRED,
                        "queue " + name + " is a FIFO queue: every message needs a message group id");
            }
            if (m.dedupId() == null) {
                throw new QueueException(ErrorReason.DEDUP_ID_REQUIRED,
                        "queue " + name + " is a FIFO queue: every message needs a deduplication id");
            }
        } else if (m.dedupId() != null) {
            throw new QueueException(ErrorReason.NOT_FIFO_QUEUE,
                    "a deduplication id is only valid for FIFO queues; " + name + " is a standard queue");
        }
        checkId("message group id", m.groupId());
        checkId("deduplication id", m.dedupId());
    }

    private static void checkId(String what, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_FIFO_ID_LENGTH)) {
            throw new QueueException(ErrorReason.INVALID_PARAMETER,
                    what + " must be 1 to " + MAX_FIFO_ID_LENGTH + " characters");
        }
    }

    private static final int MAX_FIFO_ID_LENGTH = 128;

    /** Called when an append's write is done: if durable, its messages may now be delivered. */
    void completeAppend(Append append) {
        finishAppend(append).forEach(Runnable::run);
    }

    /**
     * Like {@link #completeAppend}, but returns the futures to complete instead of completing
     * them, for a caller that may hold another queue's lock.
     */
    private List<Runnable> finishAppend(Append append) {
        List<Runnable> completions;
        synchronized (this) {
            append.done = true;
            for (DedupEntry e : append.dedupEntries) {
                e.pending = null;
                if (append.failed && dedup.get(e.key) == e) {
                    dedup.remove(e.key); // never stored: a retry must be stored, not deduplicated
                }
            }
            countDedup();
            while (!appending.isEmpty() && appending.peek().done) {
                Append a = appending.poll();
                durable = Math.max(durable, a.seq0 + a.messages.size());
                // Fast path: the cursor is caught up, so the new messages go straight into the
                // window without a disk read. Delayed messages are left to the scan, which
                // knows whether their delay has passed by the time it gets there.
                if (!dropped && !a.failed && !a.delayed && cursor == a.seq0 && a.seq0 >= head
                        && ready.size() + a.messages.size() <= broker.readyWindow()) {
                    for (int i = 0; i < a.messages.size(); i++) {
                        Entry m = a.messages.get(i);
                        windowChanged();
                        ready.put(a.seq0 + i, new ReadyMessage(a.seq0 + i, a.enqueueTime, m.body(), m.stored(), 0, 0,
                                m.group(), 0));
                    }
                    cursor = a.seq0 + a.messages.size();
                }
            }
            if (dropped) {
                completions = List.of();
            } else {
                completions = serveWaiters(broker.now());
            }
        }
        List<Runnable> all = new ArrayList<>(completions.size() + 1);
        all.add(() -> {
            if (append.failed) {
                append.settled.completeExceptionally(
                        new QueueException(ErrorReason.UNAVAILABLE, "the write of the first copy failed"));
            } else {
                append.settled.complete(null);
            }
        });
        all.addAll(completions);
        return all;
    }

    // ---------------------------------------------------------------- receive

    CompletableFuture<List<ReceivedMessage>> receive(int max, Integer waitSeconds, long now) {
        return receive(max, waitSeconds, null, null, now);
    }

    /**
     * A receive whose locks last {@code visibilitySeconds} (null: the queue's visibilityTimeout).
     * {@code attemptId} (FIFO queues only, else ignored) makes it retryable, see
     * {@code QueueService.receive}.
     */
    CompletableFuture<List<ReceivedMessage>> receive(int max, Integer waitSeconds, Integer visibilitySeconds,
                                                     String attemptId, long now) {
        var limits = broker.limits();
        if (max < 1 || max > limits.maxBatchSize()) {
            throw new QueueException(ErrorReason.BATCH_SIZE_OUT_OF_RANGE,
                    "numOfMsg must be between 1 and " + limits.maxBatchSize());
        }
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > limits.maxPollingWaitSeconds())) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                    "pollingWaitSeconds must be between 0 and " + limits.maxPollingWaitSeconds());
        }
        CompletableFuture<List<ReceivedMessage>> result = new CompletableFuture<>();
        List<ReceivedMessage> got;
        synchronized (this) {
            checkLive();
            advance(now);
            String attempt = config.isFifo() ? attemptId : null;
            got = attempt == null ? null : retryAttempt(attempt, visibilitySeconds, now);
            if (got == null) {
                got = take(max, visibilitySeconds, now, Long.MAX_VALUE);
                recordAttempt(attempt, got, now);
            }
            int wait = waitSeconds != null ? waitSeconds : config.pollingWaitSeconds();
            if (got.isEmpty() && wait > 0 && broker.tryPark()) {
                ParkedReceive parked = new ParkedReceive(max, visibilitySeconds, attempt, result);
                waiters.add(parked);
                parked.timeout = broker.scheduler().schedule(() -> expireWaiter(parked), wait * 1000L);
                scheduleWakeup(now);
                // The caller cancels the future when nobody waits for the answer any more (the
                // client closed its connection): the receive leaves at once and takes nothing.
                result.whenComplete((r, e) -> {
                    if (result.isCancelled()) {
                        abandonWaiter(parked);
                    }
                });
                return result;
            }
        }
        result.complete(got);
        return result;
    }

    private void abandonWaiter(ParkedReceive parked) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(parked);
        }
        if (removed) {
            parked.timeout.cancel();
            broker.unpark();
        }
    }

    private void expireWaiter(ParkedReceive parked) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(parked);
        }
        if (removed) {
            broker.unpark();
            parked.result.complete(List.of());
        }
    }

    /**
     * The messages an earlier receive with this attempt id returned, locked afresh, if it is
     * recent and none of them was deleted, made visible or re-locked since; else null (the
     * attempt is forgotten and the caller receives anew). Caller holds the lock.
     */
    private List<ReceivedMessage> retryAttempt(String attemptId, Integer visibilitySeconds, long now) {
        Attempt a = attempts.get(attemptId);
        if (a == null) {
            return null;
        }
        boolean intact = a.expiresAt() > now;
        for (VisibilityLock lock : a.locks()) {
            intact &= inflight.get(lock.seq()) == lock;
        }
        if (!intact) {
            attempts.remove(attemptId);
            return null;
        }
        // Bodies are not kept with the attempt (a retry is rare, attempts are many): read them back.
        List<StoredMessage> stored = new ArrayList<>(a.locks().size());
        for (VisibilityLock lock : a.locks()) {
            StoredMessage m = broker.store().readMessage(id, lock.seq());
            if (m == null) {
                attempts.remove(attemptId);
                return null;
            }
            stored.add(m);
        }
        long visibleAt = now + (visibilitySeconds != null ? visibilitySeconds : config.visibilityTimeout()) * 1000L;
        List<VisibilityLock> locks = new ArrayList<>(a.locks().size());
        List<ReceivedMessage> messages = new ArrayList<>(a.locks().size());
        for (int i = 0; i < a.locks().size(); i++) {
            VisibilityLock lock = a.locks().get(i).relocked(now, visibleAt);
            inflight.put(lock.seq(), lock);
            addExpiry(lock);
            locks.add(lock);
            StoredMessage m = stored.get(i);
            messages.add(describe(lock, m.body(), m.attributes(), m.enqueueTimeMillis()));
        }
        attempts.put(attemptId, new Attempt(a.expiresAt(), locks));
        return messages;
    }

    /** Remembers what a receive with an attempt id returned. Caller holds the lock. */
    private void recordAttempt(String attemptId, List<ReceivedMessage> got, long now) {
        if (attemptId == null || got.isEmpty()) {
            return;
        }
        List<VisibilityLock> locks = new ArrayList<>(got.size());
        for (ReceivedMessage m : got) {
            locks.add(inflight.get(m.sequenceNumber()));
        }
        attempts.remove(attemptId);
        attempts.put(attemptId, new Attempt(now + DEDUP_WINDOW_MILLIS, locks));
        if (attempts.size() > MAX_ATTEMPTS) {
            attempts.pollFirstEntry();
        }
    }

    /**
     * Locks and returns up to {@code max} receivable messages with seqs below {@code seqLimit},
     * lowest seq first. In a FIFO queue a message whose group is locked is passed over (it stays
     * in the window, so it still comes before its group's later messages), and, as SQS does, a
     * receive first returns as many messages of one group as it finds (so that other consumers
     * get the other groups), then fills up with other free groups' messages, each group in
     * order. Caller holds the lock.
     */
    private List<ReceivedMessage> take(int max, Integer visibilitySeconds, long now, long seqLimit) {
        int lockSeconds = visibilitySeconds != null ? visibilitySeconds : config.visibilityTimeout();
        boolean fifo = config.isFifo();
        Set<String> takenGroups = fifo ? new HashSet<>() : null;
        if (windowStuck && seqLimit == Long.MAX_VALUE) {
            return List.of();
        }
        List<ReceivedMessage> out = new ArrayList<>(Math.min(max, 16));
        int window = broker.readyWindow();
        if (ready.size() < window / 2) {
            refill(now, window);
        }
        boolean blocked = false;
        String firstGroup = null; // FIFO: the group this receive serves first
        List<Long> deferred = null; // FIFO: other free groups' messages, for later (made when first needed)
        long walked = -1; // the walk resumes after this seq once more is read: nothing before it changed
        while (out.size() < max) {
            boolean atLimit = false;
            Iterator<Map.Entry<Long, ReadyMessage>> it = walked < 0
                    ? ready.entrySet().iterator() : ready.tailMap(walked, false).entrySet().iterator();
            while (out.size() < max && it.hasNext()) {
                Map.Entry<Long, ReadyMessage> e = it.next();
                walked = e.getKey();
                ReadyMessage r = e.getValue();
                if (r.seq() >= seqLimit) {
                    atLimit = true;
                    break;
                }
                // A FIFO message's group is known without its body unless the delay timer
                // released it; then the read below tells it.
                if (r.body() == null && (!fifo || r.group() == null)) {
                    r = readBack(e);
                    if (r == null) {
                        it.remove();
                        continue;
                    }
                }
                String group = fifo ? r.group() : null;
                if (group != null && lockedGroups.containsKey(group) && !takenGroups.contains(group)) {
                    blocked = true;
                    if (r.body() != null && ready.size() > broker.readyWindow()) {
                        // Beyond the normal window only blocked groups' messages pile up: keep
                        // them without bodies (re-read when their group flows) so that a grown
                        // window costs metadata, not up to 8 windows of large bodies.
                        e.setValue(new ReadyMessage(r.seq(), r.enqueueTime(), null, null, r.dequeueCount(),
                                r.firstDequeueTime(), group, r.lastLockId()));
                    }
                    continue;
                }
                if (group != null && firstGroup != null && !takenGroups.contains(group)) {
                    if (deferred == null) {
                        deferred = new ArrayList<>();
                    }
                    deferred.add(e.getKey()); // free, but another group is served first
                    continue;
                }
                if (r.body() == null) {
                    r = readBack(e);
                    if (r == null) {
                        it.remove();
                        continue;
                    }
                }
                it.remove();
                if (claim(r, group, lockSeconds, now, out, takenGroups) && group != null && firstGroup == null) {
                    firstGroup = group;
                }
            }
            if (out.size() >= max || atLimit) {
                break;
            }
            // The window is used up. Read more from disk; when everything in it belongs to
            // blocked groups, let it grow (up to 8 windows, 2,048 messages; AWS looks 120,000
            // ahead) so that other groups still flow. Not further: a receive walks the blocked
            // messages, and with one busy group (strict global order) every unlock costs a walk
            // of the whole window: 8,192 halved that case's throughput in the FIFO bench.
            int before = ready.size();
            if (blocked && ready.size() >= window) {
                // The window may hold more than this call's start value (an earlier receive
                // grew it): grow from what it holds, or nothing new would be read.
                int limit = MAX_WINDOW_GROWTH * broker.readyWindow();
                if (ready.size() >= limit) {
                    break;
                }
                window = Math.min(limit, ready.size() + broker.readyWindow());
            }
            refill(now, window);
            if (ready.size() == before) {
                break;
            }
        }
        if (fifo && out.isEmpty() && blocked && seqLimit == Long.MAX_VALUE
                && ready.size() >= MAX_WINDOW_GROWTH * broker.readyWindow()) {
            windowStuck = true;
        }
        if (deferred != null) {
            // Fill up with the other free groups, in seq order (so each group in its order).
            for (int i = 0; i < deferred.size() && out.size() < max; i++) {
                ReadyMessage r = ready.remove(deferred.get(i));
                if (r != null && r.body() == null) {
                    r = withBody(r);
                }
                if (r != null) {
                    claim(r, r.group(), lockSeconds, now, out, takenGroups);
                }
            }
        }
        return out;
    }

    /**
     * Locks a message taken out of the window for this receive, or moves it to the dead-letter
     * queue if its time to live is over; true if it was locked. Caller holds the lock.
     */
    private boolean claim(ReadyMessage r, String group, int lockSeconds, long now, List<ReceivedMessage> out,
                          Set<String> takenGroups) {
        DeadLetterPolicy dlp = config.deadLetterPolicy();
        if (dlp != null && dlp.policy() == DeadLetterPolicy.TIME_TO_LIVE
                && r.enqueueTime() + dlp.maxTimeToLive() * 1000L <= now
                && moveToDeadLetter(r.seq(), r.body(), r.attributes(), r.enqueueTime(), now)) {
            return false;
        }
        out.add(lock(r, group, lockSeconds, now));
        if (group != null) {
            takenGroups.add(group);
            lockedGroups.merge(group, 1, Integer::sum);
        }
        return true;
    }

    private static final int MAX_WINDOW_GROWTH = 8;

    /**
     * FIFO: the last receive found the window grown to its limit and every message in it of a
     * locked group. Until something that could change that happens (a group unlocks, the
     * window gains or loses a message, the config changes: see {@link #windowChanged}),
     * another receive would walk the same thousands of blocked messages to find nothing, so it
     * returns at once. Caller holds the lock.
     */
    private boolean windowStuck;

    private void windowChanged() {
        windowStuck = false;
    }

    /** Reads a windowed message's body back from disk into the window; null if it is gone. Caller holds the lock. */
    private ReadyMessage readBack(Map.Entry<Long, ReadyMessage> e) {
        ReadyMessage r = withBody(e.getValue());
        if (r != null) {
            e.setValue(r);
        }
        return r;
    }

    /** A windowed message with its body (and group) read from disk; null if it is gone. */
    private ReadyMessage withBody(ReadyMessage r) {
        StoredMessage m = broker.store().readMessage(id, r.seq());
        if (m == null) {
            return null;
        }
        return new ReadyMessage(r.seq(), m.enqueueTimeMillis(), m.body(), m.attributes(), r.dequeueCount(),
                r.firstDequeueTime(), config.isFifo() ? MessageEnvelope.groupOf(m.attributes()) : null, r.lastLockId());
    }

    /** Locks one message for {@code lockSeconds} and describes it for the consumer. Caller holds the lock. */
    private ReceivedMessage lock(ReadyMessage r, String group, int lockSeconds, long now) {
        long lockId = broker.nextLockId();
        long visibleAt = now + lockSeconds * 1000L;
        int count = r.dequeueCount() + 1;
        long firstDequeue = r.firstDequeueTime() == 0 ? now : r.firstDequeueTime();
        VisibilityLock lock = new VisibilityLock(r.seq(), lockId, now, visibleAt, r.enqueueTime(), firstDequeue, count, group);
        inflight.put(r.seq(), lock);
        addExpiry(lock);
        return describe(lock, r.body(), r.attributes(), r.enqueueTime());
    }

    /** What a consumer learns of a message under {@code lock}; {@code stored} are its stored attribute bytes. */
    private ReceivedMessage describe(VisibilityLock lock, byte[] body, byte[] stored, long enqueueTime) {
        MessageEnvelope env = MessageEnvelope.decode(stored);
        // A dead letter keeps the id and enqueue time it had in its source queue.
        String msgId = env.originalMsgId() != null ? env.originalMsgId() : msgId(lock.seq());
        long sentAt = env.originalMsgId() != null ? env.originalEnqueueTime() : enqueueTime;
        return new ReceivedMessage(msgId, body, broker.receipts().encode(id, lock.seq(), lock.lockId()),
                sentAt, lock.visibleAt(), lock.firstDequeueTime(), lock.dequeueCount(), env.protocolAttributes(),
                lock.seq(), env.groupId(), env.dedupId(), env.deadLetterSource());
    }

    /** Reads receivable messages from disk until the window holds {@code window}. Caller holds the lock. */
    private void refill(long now, int window) {
        if (cursor < head) {
            cursor = head;
        }
        boolean fifo = config.isFifo();
        while (ready.size() < window && cursor < durable) {
            int room = window - ready.size();
            cursor = broker.store().scanMessages(id, cursor, durable, room,
                    seq -> acks.contains(seq) || inflight.containsKey(seq) || ready.containsKey(seq),
                    m -> {
                        // A message whose delay has not passed is left to the delay timer,
                        // which releases it once the cursor is past it.
                        if (m.visibleAtMillis() <= now) {
                            ReadyMessage history = carried.remove(m.seq());
                            windowChanged();
                            ready.put(m.seq(), new ReadyMessage(m.seq(), m.enqueueTimeMillis(), m.body(), m.attributes(),
                                    history == null ? 0 : history.dequeueCount(),
                                    history == null ? 0 : history.firstDequeueTime(),
                                    fifo ? MessageEnvelope.groupOf(m.attributes()) : null,
                                    history == null ? 0 : history.lastLockId()));
                        }
                    });
        }
    }

    /**
     * Schedules a lock's expiry. A superseded lock (visibility changed, attempt retried) stays in
     * the heap until its own time comes; when such leftovers outnumber the live locks, the heap
     * is rebuilt from the live ones, so that a consumer extending its locks far ahead again and
     * again cannot grow it without bound. Caller holds the lock.
     */
    private void addExpiry(VisibilityLock lock) {
        expiries.add(lock);
        if (expiries.size() > 2 * inflight.size() + 1024) {
            expiries.clear();
            expiries.addAll(inflight.values());
        }
    }

    /** Releases a lock taken out of {@code inflight}: its FIFO group may flow again. Caller holds the lock. */
    private void unlocked(VisibilityLock lock) {
        windowChanged();
        if (lock.group() != null) {
            lockedGroups.computeIfPresent(lock.group(), (g, n) -> n == 1 ? null : n - 1);
        }
    }

    // ---------------------------------------------------------------- delete

    CompletableFuture<Void> delete(String handle, long now) {
        return deleteAll(List.of(handle), now).thenApply(outcomes -> {
            DeleteOutcome o = outcomes.get(0);
            if (!o.ok()) {
                throw o.error();
            }
            return null;
        });
    }

    CompletableFuture<List<DeleteOutcome>> deleteAll(List<String> handles, long now) {
        var limits = broker.limits();
        if (handles.isEmpty() || handles.size() > limits.maxBatchSize()) {
            throw new QueueException(ErrorReason.BATCH_SIZE_OUT_OF_RANGE,
                    "a batch holds 1 to " + limits.maxBatchSize() + " receipt handles");
        }
        List<DeleteOutcome> outcomes = new ArrayList<>(handles.size());
        CompletableFuture<Void> written = null;
        synchronized (this) {
            checkLive();
            advance(now);
            List<Mutation> mutations = new ArrayList<>();
            java.util.Set<Long> touchedChunks = new java.util.TreeSet<>();
            for (String handle : handles) {
                QueueException error = deleteOne(handle, touchedChunks);
                outcomes.add(new DeleteOutcome(handle, error));
            }
            for (long chunk : touchedChunks) {
                mutations.add(new Mutation.PutAckChunk(id, chunk, acks.snapshot(chunk)));
            }
            if (!config.isFifo()) {
                advanceHead(now, mutations);
            }
            if (!mutations.isEmpty()) {
                written = broker.store().write(mutations);
            }
        }
        if (written == null) {
            return CompletableFuture.completedFuture(outcomes);
        }
        return written.handle((ok, error) -> {
            if (error != null) {
                throw Broker.unavailable(error);
            }
            return outcomes;
        });
    }

    /**
     * Moves the end of a message's lock to {@code now + seconds} (0 makes it receivable at
     * once). The receipt handle stays valid. Nothing is written: locks live in memory.
     */
    void changeVisibility(String handle, int seconds, long now) {
        synchronized (this) {
            checkLive();
            advance(now);
            ReceiptHandleCodec.Decoded d = broker.receipts().decode(handle);
            if (d == null || d.queueId() != id) {
                throw new QueueException(ErrorReason.RECEIPT_HANDLE_INVALID, "receipt handle is invalid");
            }
            VisibilityLock lock = inflight.get(d.seq());
            if (lock == null || lock.lockId() != d.lockId()) {
                throw new QueueException(ErrorReason.RECEIPT_HANDLE_STALE,
                        "receipt handle is invalid: the lock expired, the message was received again or deleted");
            }
            long maxLockMillis = broker.limits().maxVisibilityTimeout() * 1000L;
            if (now + seconds * 1000L > lock.lockedAt() + maxLockMillis) {
                // SQS: a message stays invisible at most 12 hours from its receive, however often
                // its lock is extended, so that a stuck consumer cannot hide it for ever.
                throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "Value " + seconds
                        + " for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit ["
                        + broker.limits().maxVisibilityTimeout() + " seconds]");
            }
            VisibilityLock moved = lock.withVisibleAt(now + seconds * 1000L);
            inflight.put(lock.seq(), moved);
            addExpiry(moved);
            if (seconds == 0) {
                advance(now);
            }
        }
        serveWaitersNow();
    }

    /**
     * For a message move task: locks up to {@code max} receivable messages with seqs below
     * {@code seqLimit} for {@code lockSeconds}, as a receive would (FIFO order and blocking
     * included). The task deletes them once they are written to their destination.
     */
    List<ReceivedMessage> takeForMove(int max, long seqLimit, int lockSeconds, long now) {
        synchronized (this) {
            checkLive();
            advance(now);
            return take(max, lockSeconds, now, seqLimit);
        }
    }

    /** The seq the next message sent will get: a move task moves only messages below it. */
    synchronized long nextSeq() {
        return next;
    }

    /**
     * A standard queue's handle keeps deleting its message after the lock expired, as long as
     * nobody received the message since (SQS: the most recent receipt handle deletes; a lock of
     * 0 seconds would otherwise make a message undeletable). A FIFO queue refuses it: there
     * an expired lock has let the group move on. Caller holds the lock.
     */
    private boolean deleteReturned(long seq, long lockId) {
        if (config.isFifo()) {
            return false;
        }
        ReadyMessage r = ready.get(seq);
        if (r != null && r.lastLockId() == lockId) {
            windowChanged();
            ready.remove(seq);
            return true;
        }
        r = carried.get(seq);
        if (r != null && r.lastLockId() == lockId) {
            carried.remove(seq); // the ack bit keeps the scan from delivering it
            return true;
        }
        return false;
    }

    /** Lock expiries scheduled, superseded ones included (for tests of the heap's bound). */
    synchronized int scheduledExpiries() {
        return expiries.size();
    }

    /** Messages held (receivable, locked or delayed). */
    synchronized long size() {
        return undeleted();
    }

    private QueueException deleteOne(String handle, java.util.Set<Long> touchedChunks) {
        ReceiptHandleCodec.Decoded d = broker.receipts().decode(handle);
        if (d == null || d.queueId() != id) {
            return new QueueException(ErrorReason.RECEIPT_HANDLE_INVALID, "receipt handle is invalid");
        }
        VisibilityLock lock = inflight.get(d.seq());
        if (lock == null && deleteReturned(d.seq(), d.lockId())) {
            acks.add(d.seq());
            touchedChunks.add(d.seq() / Mutation.ACK_CHUNK_BITS);
            return null;
        }
        if (lock == null || lock.lockId() != d.lockId()) {
            return new QueueException(ErrorReason.RECEIPT_HANDLE_STALE,
                    "receipt handle is invalid: the lock expired, the message was received again or deleted");
        }
        inflight.remove(d.seq());
        unlocked(lock);
        acks.add(d.seq());
        touchedChunks.add(d.seq() / Mutation.ACK_CHUNK_BITS);
        return null;
    }

    // ---------------------------------------------------------------- rewind, purge, config

    CompletableFuture<Void> rewind(long startMillis, long now) {
        CompletableFuture<Void> written;
        synchronized (this) {
            checkLive();
            advance(now);
            if (config.rewindSeconds() <= 0) {
                throw new QueueException(ErrorReason.REWIND_NOT_ENABLED, "queue " + name + " cannot be rewound: rewindSeconds is 0");
            }
            long oldest = now - config.rewindSeconds() * 1000L;
            if (startMillis < oldest - 999 || startMillis > now) {
                throw new QueueException(ErrorReason.REWIND_TIME_INVALID,
                        "startConsumeTime must be between now-rewindSeconds and now");
            }
            // Messages past retention stay gone, even those a FIFO queue keeps on disk (also
            // right after a restart, before housekeeping has marked them).
            long from = Math.max(firstSeqAtOrAfter(startMillis),
                    firstSeqAfter(now - config.msgRetentionSeconds() * 1000L));
            List<Mutation> mutations = new ArrayList<>();
            acks.clearFrom(from,
                    (chunk, bits) -> mutations.add(new Mutation.PutAckChunk(id, chunk, bits)),
                    firstChunk -> mutations.add(new Mutation.DeleteAckChunks(id, firstChunk, Long.MAX_VALUE)));
            // Drop window entries at or after the rewind point so that the scan delivers them
            // again in production order together with the restored ones.
            windowChanged();
            ready.tailMap(from, true).clear();
            carried.keySet().removeIf(seq -> seq >= from);
            cursor = Math.min(cursor, from);
            lastModifyTime = now;
            written = broker.store().write(mutations);
        }
        return written.handle((ok, error) -> {
            if (error != null) {
                throw Broker.unavailable(error);
            }
            serveWaitersNow();
            return null;
        });
    }

    CompletableFuture<Void> purge(long now) {
        CompletableFuture<Void> written;
        synchronized (this) {
            checkLive();
            head = next;
            cursor = next;
            seqFloor = next;
            acks.clear();
            windowChanged();
            ready.clear();
            carried.clear();
            inflight.clear();
            lockedGroups.clear();
            attempts.clear();
            lastVisibleAt = 0; // nothing sent before the purge is left to come first
            expiries.clear();
            delays.clear();
            lastModifyTime = now;
            written = broker.store().write(List.of(
                    new Mutation.DeleteMessages(id, 0, next),
                    new Mutation.DeleteAckChunks(id, 0, Long.MAX_VALUE),
                    new Mutation.DeleteDelaysThrough(id, Long.MAX_VALUE, Long.MAX_VALUE),
                    new Mutation.PutQueueMeta(id, meta().encode())));
        }
        return written.handle((ok, error) -> {
            if (error != null) {
                throw Broker.unavailable(error);
            }
            return null;
        });
    }

    /**
     * Applies a validated configuration and writes it. The write is made under the lock, so
     * that it cannot land after (and undo) a later meta write such as a new seqFloor.
     */
    synchronized CompletableFuture<Void> reconfigure(QueueConfig newConfig, long now) {
        checkLive();
        boolean rekey = config.isFifo() && newConfig.isFifo()
                && config.fifo().dedupPerGroup() != newConfig.fifo().dedupPerGroup();
        config = newConfig;
        lastModifyTime = now;
        nextRetentionCheck = 0;
        windowChanged();
        if (rekey) {
            rekeyDedup();
        }
        return broker.store().write(List.of(new Mutation.PutQueueMeta(id, meta().encode())));
    }

    /**
     * The deduplication scope changed: the remembered ids get keys of the new scope, so that a
     * message that is a duplicate under both scopes stays one. Going from per group to per
     * queue, the oldest copy of an id wins. Caller holds the lock.
     */
    private void rekeyDedup() {
        boolean perGroup = config.fifo().dedupPerGroup();
        List<DedupEntry> entries = new ArrayList<>(dedup.values());
        dedup.clear();
        for (DedupEntry e : entries) { // oldest first, so the map stays in expiry order
            e.key = dedupKey(perGroup, e.group, e.dedupId);
            dedup.putIfAbsent(e.key, e);
        }
        countDedup();
    }

    synchronized QueueMeta meta() {
        return new QueueMeta(id, name, createTime, lastModifyTime, seqFloor, config);
    }

    /** Marks the queue deleted and returns its parked receivers to be failed by the caller. */
    List<ParkedReceive> drop() {
        synchronized (this) {
            dropped = true;
            dedup.clear();
            countDedup();
            if (wakeup != null) {
                wakeup.cancel();
            }
            List<ParkedReceive> parked = new ArrayList<>(waiters);
            waiters.clear();
            parked.forEach(p -> p.timeout.cancel());
            return parked;
        }
    }

    // ---------------------------------------------------------------- dead letters

    /**
     * Moves one message to the dead-letter queue atomically with its deletion here. Returns
     * false (and changes nothing) if the target is missing or full. Caller holds this lock.
     */
    private boolean moveToDeadLetter(long seq, byte[] body, byte[] stored, long enqueueTime, long now) {
        DeadLetterPolicy p = config.deadLetterPolicy();
        QueueEngine target = p == null ? null : broker.find(p.deadLetterQueue());
        if (target == null || target == this) {
            return false;
        }
        acks.add(seq);
        long chunk = seq / Mutation.ACK_CHUNK_BITS;
        List<Mutation> local = new ArrayList<>(2);
        local.add(new Mutation.PutAckChunk(id, chunk, acks.snapshot(chunk)));
        MessageEnvelope env = MessageEnvelope.decode(stored);
        Entry moved = new Entry(body, env.asDeadLetterOf(name, msgId(seq), enqueueTime).encode(), 0,
                target.config().isFifo() ? env.groupId() : null);
        if (!target.acceptDeadLetter(moved, now, local)) {
            acks.remove(seq);
            return false;
        }
        return true;
    }

    /** Appends a message moved from a source queue, in one write with the source's mutations. */
    private boolean acceptDeadLetter(Entry message, long now, List<Mutation> sourceMutations) {
        CompletableFuture<Void> written;
        Append append;
        synchronized (this) {
            if (dropped || undeleted() + 1 > config.maxMsgHeapNum() || message.body().length > config.maxMsgSize()) {
                return false;
            }
            List<Mutation> mutations = new ArrayList<>(sourceMutations);
            append = prepareMoved(List.of(message), now, mutations);
            written = broker.store().write(mutations);
        }
        written.whenComplete((ok, error) -> {
            append.failed = error != null;
            // The write may be complete already, and then this runs here, under the source
            // queue's lock: the message is made receivable now, but the parked receivers it
            // wakes (user code) are completed from the scheduler, outside every queue lock.
            List<Runnable> after = finishAppend(append);
            try {
                broker.scheduler().schedule(() -> after.forEach(Runnable::run), 0);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                after.forEach(Runnable::run); // shutting down: better under a lock than never
            }
        });
        return true;
    }

    // ---------------------------------------------------------------- time

    /**
     * Brings the queue up to {@code now}: expired locks make their messages receivable again
     * (or move them to the dead-letter queue), due delayed messages are released. Caller
     * holds the lock.
     */
    private void advance(long now) {
        while (!expiries.isEmpty() && expiries.peek().visibleAt() <= now) {
            VisibilityLock lock = expiries.poll();
            if (inflight.get(lock.seq()) != lock) {
                continue; // deleted, or superseded by a later lock
            }
            inflight.remove(lock.seq());
            unlocked(lock);
            if (lock.seq() < head) {
                continue;
            }
            DeadLetterPolicy dlp = config.deadLetterPolicy();
            boolean exhausted = dlp != null && (dlp.policy() == DeadLetterPolicy.MAX_RECEIVE_COUNT
                    ? lock.dequeueCount() >= dlp.maxReceiveCount()
                    : lock.enqueueTime() + dlp.maxTimeToLive() * 1000L <= now);
            if (exhausted) {
                StoredMessage m = broker.store().readMessage(id, lock.seq());
                if (m != null && moveToDeadLetter(lock.seq(), m.body(), m.attributes(), m.enqueueTimeMillis(), now)) {
                    continue;
                }
            }
            ReadyMessage back = new ReadyMessage(lock.seq(), lock.enqueueTime(), null, null,
                    lock.dequeueCount(), lock.firstDequeueTime(), lock.group(), lock.lockId());
            // The window only holds seqs below the cursor, so that it always has the oldest
            // receivable messages; one at or after the cursor is left to the scan.
            if (lock.seq() < cursor) {
                windowChanged();
                ready.put(lock.seq(), back);
            } else {
                carried.put(lock.seq(), back);
            }
        }
        delays.releaseDue(now, broker.store(), id, seq -> {
            // Only messages the scan has passed need the timer; the scan delivers the rest.
            if (seq >= head && seq < cursor && !acks.contains(seq) && !inflight.containsKey(seq)
                    && !ready.containsKey(seq)) {
                windowChanged();
                ready.put(seq, new ReadyMessage(seq, -1, null, null, 0, 0, null, 0));
            }
        });
    }

    /**
     * Periodic upkeep (about once a second): retention, removal of a deleted prefix, disk
     * cleanup of released delay entries, and waking parked receivers the timers owe a message.
     */
    void housekeep(long now) {
        List<Runnable> completions;
        List<Mutation> mutations = new ArrayList<>();
        synchronized (this) {
            if (dropped) {
                return;
            }
            advance(now);
            if (now >= nextRetentionCheck) {
                nextRetentionCheck = now + 1000;
                trimExpired(now, mutations);
                dropKept(now, mutations);
            }
            advanceHead(now, mutations);
            forgetExpired(now);
            DelaySchedule.Entry trim = delays.takeTrimPoint();
            if (trim != null) {
                mutations.add(new Mutation.DeleteDelaysThrough(id, trim.due(), trim.seq()));
            }
            if (!mutations.isEmpty()) {
                broker.store().write(mutations);
            }
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    /**
     * Drops messages older than msgRetentionSeconds, deleted or not. A FIFO queue keeps the
     * last five minutes on disk even so, marked deleted, so that deduplication survives a
     * restart (retention may be as short as a minute). Caller holds the lock.
     */
    private void trimExpired(long now, List<Mutation> mutations) {
        long from = Math.max(head, expiredThrough);
        if (from >= durable) {
            return;
        }
        long cutoff = now - config.msgRetentionSeconds() * 1000L;
        // One read answers the common case (the oldest message is young enough); only then
        // is the boundary binary-searched. With thousands of queues this pass runs every second.
        if (headTimeSeq != from) {
            StoredMessage first = broker.store().readMessage(id, from);
            headTime = first == null ? Long.MIN_VALUE : first.enqueueTimeMillis();
            headTimeSeq = from;
        }
        if (headTime > cutoff) {
            return;
        }
        long boundary = firstSeqAfter(cutoff);
        if (boundary <= from) {
            return;
        }
        expiredThrough = boundary;
        long dropTo = boundary;
        if (config.isFifo()) {
            dropTo = Math.min(boundary, firstSeqAfter(now - DEDUP_WINDOW_MILLIS));
            expireKept(Math.max(from, dropTo), boundary, mutations);
        }
        if (dropTo > head) {
            moveHead(dropTo, mutations);
        }
    }

    /**
     * FIFO: removes expired messages kept for deduplication once they are five minutes old
     * (the deleted-prefix trim only removes whole ack chunks, and a queue may go idle). Caller
     * holds the lock.
     */
    private void dropKept(long now, List<Mutation> mutations) {
        if (!config.isFifo() || head >= expiredThrough) {
            return;
        }
        long dropTo = Math.min(expiredThrough, firstSeqAfter(now - DEDUP_WINDOW_MILLIS));
        if (dropTo > head) {
            moveHead(dropTo, mutations);
        }
    }

    /**
     * FIFO retention of seqs [from, to) that stay on disk for deduplication: they are deleted
     * (acked) and let go of wherever they are in memory. Caller holds the lock.
     */
    private void expireKept(long from, long to, List<Mutation> mutations) {
        java.util.Set<Long> touchedChunks = new java.util.TreeSet<>();
        for (long seq = acks.nextUndeleted(from, to); seq < to; seq = acks.nextUndeleted(seq + 1, to)) {
            acks.add(seq);
            touchedChunks.add(seq / Mutation.ACK_CHUNK_BITS);
            windowChanged();
            ready.remove(seq);
            carried.remove(seq);
            VisibilityLock lock = inflight.remove(seq);
            if (lock != null) {
                unlocked(lock);
            }
        }
        for (long chunk : touchedChunks) {
            mutations.add(new Mutation.PutAckChunk(id, chunk, acks.snapshot(chunk)));
        }
    }

    /**
     * Drops the fully deleted prefix unless deleted messages are kept for rewind. A FIFO queue
     * keeps the last five minutes on disk, deleted or not, so that deduplication survives a
     * restart (see {@link #rebuildDedup}).
     */
    private void advanceHead(long now, List<Mutation> mutations) {
        if (config.rewindSeconds() > 0) {
            return;
        }
        long firstLive = acks.nextUndeleted(head, durable);
        long boundary = firstLive - firstLive % Mutation.ACK_CHUNK_BITS;
        if (boundary > head && config.isFifo()) {
            long young = firstSeqAfter(now - DEDUP_WINDOW_MILLIS);
            boundary = Math.min(boundary, young - young % Mutation.ACK_CHUNK_BITS);
        }
        if (boundary > head) {
            moveHead(boundary, mutations);
        }
    }

    /** Reports a change of this queue's number of deduplication ids to the broker's budget. Caller holds the lock. */
    private void countDedup() {
        int n = dedup.size();
        if (n != countedDedup) {
            broker.dedupIdsChanged(n - countedDedup);
            countedDedup = n;
        }
    }

    /** FIFO: forgets deduplication ids and receive attempts older than five minutes. Caller holds the lock. */
    private void forgetExpired(long now) {
        Iterator<DedupEntry> d = dedup.values().iterator();
        while (d.hasNext()) {
            DedupEntry e = d.next();
            if (e.expiresAt > now || e.pending != null) {
                break;
            }
            d.remove();
        }
        countDedup();
        Iterator<Attempt> a = attempts.values().iterator();
        while (a.hasNext() && a.next().expiresAt() <= now) {
            a.remove();
        }
    }

    /**
     * Recovery of a FIFO queue: the deduplication ids of the last five minutes, from the
     * messages on disk (deleted ones included: the head keeps them, see {@link #advanceHead}).
     */
    synchronized void rebuildDedup(long now) {
        if (!config.isFifo()) {
            return;
        }
        long from = firstSeqAtOrAfter(now - DEDUP_WINDOW_MILLIS);
        boolean perGroup = config.fifo().dedupPerGroup();
        while (from < durable) {
            from = broker.store().scanMessages(id, from, durable, 1024, seq -> false, m -> {
                MessageEnvelope env = MessageEnvelope.decode(m.attributes());
                // Only messages sent here deduplicate: one that lived in another queue before
                // (a dead letter, or moved back from one) carries its origin and never did.
                if (env.deduplicates()) {
                    String key = dedupKey(perGroup, env.groupId(), env.dedupId());
                    DedupEntry earlier = dedup.get(key);
                    if (earlier != null && earlier.expiresAt > m.enqueueTimeMillis()) {
                        // Both stored only because the scope changed in between: the older
                        // copy answers, as it did before the restart (see rekeyDedup).
                        return;
                    }
                    dedup.remove(key);
                    dedup.put(key, new DedupEntry(env.groupId(), env.dedupId(), key, m.seq(),
                            m.enqueueTimeMillis() + DEDUP_WINDOW_MILLIS));
                }
            });
        }
        countDedup(); // recovery counts what it remembers, even beyond the budget
    }

    private void moveHead(long newHead, List<Mutation> mutations) {
        mutations.add(new Mutation.DeleteMessages(id, head, newHead));
        mutations.add(new Mutation.DeleteAckChunks(id, head / Mutation.ACK_CHUNK_BITS, newHead / Mutation.ACK_CHUNK_BITS));
        head = newHead;
        if (newHead >= durable && seqFloor < newHead) {
            // Nothing of this queue is left on disk to recover the next seq from: remember it,
            // or a restart would hand out seqs (and message ids) again.
            seqFloor = newHead;
            mutations.add(new Mutation.PutQueueMeta(id, meta().encode()));
        }
        acks.dropBelow(newHead);
        windowChanged();
        ready.headMap(newHead, false).clear();
        carried.keySet().removeIf(seq -> seq < newHead);
        inflight.values().removeIf(lock -> {
            if (lock.seq() >= newHead) {
                return false;
            }
            unlocked(lock);
            return true;
        });
        if (cursor < head) {
            cursor = head;
        }
    }

    /** The first durable seq whose enqueue time is at or after {@code millis} (binary search on disk). */
    private long firstSeqAtOrAfter(long millis) {
        return search(millis, false);
    }

    /** The first durable seq whose enqueue time is after {@code millis}. */
    private long firstSeqAfter(long millis) {
        return search(millis, true);
    }

    private long search(long millis, boolean strictlyAfter) {
        // Enqueue times never decrease with seq (see send), so the seq space is sorted by time.
        long lo = head;
        long hi = durable;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            StoredMessage m = broker.store().readMessage(id, mid);
            long t = m == null ? Long.MIN_VALUE : m.enqueueTimeMillis();
            boolean before = strictlyAfter ? t <= millis : t < millis;
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- waiters

    private void serveWaitersNow() {
        List<Runnable> completions;
        synchronized (this) {
            long now = broker.now();
            advance(now);
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    /** Hands receivable messages to parked receivers; returns their completions. Caller holds the lock. */
    private List<Runnable> serveWaiters(long now) {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Runnable> completions = new ArrayList<>();
        while (!waiters.isEmpty()) {
            ParkedReceive w = waiters.peek();
            if (w.result.isDone()) { // abandoned: its own callback unparks it, if it finds it here
                waiters.poll();
                w.timeout.cancel();
                completions.add(broker::unpark);
                continue;
            }
            List<ReceivedMessage> got = take(w.maxMessages, w.visibilitySeconds, now, Long.MAX_VALUE);
            if (got.isEmpty()) {
                break;
            }
            recordAttempt(w.attemptId, got, now);
            waiters.poll();
            w.timeout.cancel();
            completions.add(() -> {
                broker.unpark();
                if (!w.result.complete(got)) {
                    release(got); // abandoned in the meantime: nobody got these messages
                }
            });
        }
        scheduleWakeup(now);
        return completions;
    }

    /**
     * Makes messages locked for a receive nobody will see receivable again at once (their
     * receive count stays: they were handed out, if to no one).
     */
    private void release(List<ReceivedMessage> messages) {
        for (ReceivedMessage m : messages) {
            try {
                changeVisibility(m.receiptHandle(), 0, broker.now());
            } catch (QueueException gone) {
                // deleted, purged or dropped meanwhile: nothing to give back
            }
        }
    }

    /** Ensures a timer fires when the next lock expires or delay ends while receivers wait. */
    private void scheduleWakeup(long now) {
        if (waiters.isEmpty()) {
            return;
        }
        long at = Long.MAX_VALUE;
        if (!expiries.isEmpty()) {
            at = expiries.peek().visibleAt();
        }
        long due = delays.nextDue();
        if (due >= 0) {
            at = Math.min(at, due);
        }
        if (at == Long.MAX_VALUE || at >= wakeupAt) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        wakeupAt = at;
        wakeup = broker.scheduler().schedule(this::onWakeup, Math.max(0, at - now));
    }

    private void onWakeup() {
        synchronized (this) {
            wakeup = null;
            wakeupAt = Long.MAX_VALUE;
        }
        serveWaitersNow();
    }

    // ---------------------------------------------------------------- attributes

    synchronized QueueAttributes attributes(long now) {
        checkLive();
        advance(now);
        long inactive = inflight.size();
        long delayed = delays.pending();
        // A send whose write is still in flight is not receivable yet, so not counted as such.
        long writing = next - durable;
        long active = Math.max(0, undeleted() - inactive - delayed - writing);
        long rewindable = config.rewindSeconds() > 0 ? acks.count() : 0;
        long minMsgTime = 0;
        long oldest = acks.nextUndeleted(head, durable);
        if (oldest < durable) {
            StoredMessage m = broker.store().readMessage(id, oldest);
            minMsgTime = m == null ? 0 : m.enqueueTimeMillis();
        }
        return new QueueAttributes(ref(), config, createTime, lastModifyTime, active, inactive, delayed,
                rewindable, minMsgTime);
    }

    private long undeleted() {
        return next - head - acks.count();
    }

    private void checkLive() {
        if (dropped) {
            throw new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue " + name + " does not exist");
        }
    }

    /**
     * A message's id: the queue id and the seq in the shape of a UUID (version 8, RFC 9562), since
     * SQS clients (Spring Cloud AWS, for one) parse SQS message ids as UUIDs. Unique per server:
     * queue ids are never reused and seqs never repeat within a queue.
     */
    private String msgId(long seq) {
        long msb = ((id >>> 12) << 16) | 0x8000L | (id & 0xFFFL);
        long lsb = Long.MIN_VALUE | seq; // variant 10; seqs stay far below 2^62
        return new java.util.UUID(msb, lsb).toString();
    }
}
