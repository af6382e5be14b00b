package io.opencmq.core.engine;

import io.opencmq.core.delay.DelaySchedule;
import io.opencmq.core.delivery.AckSet;
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
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
    private final AckSet acks = new AckSet();
    private final TreeMap<Long, ReadyMessage> ready = new TreeMap<>();
    private final Map<Long, VisibilityLock> inflight = new HashMap<>();
    private final PriorityQueue<VisibilityLock> expiries =
            new PriorityQueue<>((a, b) -> Long.compare(a.visibleAt(), b.visibleAt()));
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
     * is durable too.
     */
    static final class Append {
        final QueueEngine queue;
        final long seq0;
        final List<OutgoingMessage> messages;
        final long enqueueTime;
        final boolean delayed;
        boolean done;
        /** The write failed: nothing to deliver, but later appends must not wait for it. */
        boolean failed;

        Append(QueueEngine queue, long seq0, List<OutgoingMessage> messages, long enqueueTime, boolean delayed) {
            this.queue = queue;
            this.seq0 = seq0;
            this.messages = messages;
            this.enqueueTime = enqueueTime;
            this.delayed = delayed;
        }

        List<SentMessage> ids() {
            List<SentMessage> ids = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                ids.add(new SentMessage(queue.msgId(seq0 + i)));
            }
            return ids;
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
            written = broker.store().write(mutations);
        }
        return written.handle((ok, error) -> {
            append.failed = error != null;
            completeAppend(append);
            if (error != null) {
                throw Broker.unavailable(error);
            }
            return append.ids();
        });
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
        return reserve(messages, now, into);
    }

    /**
     * Like {@link #prepareAppend} for a message fanned out from a topic: the topic has checked
     * the batch already; each message must still fit this queue's size and capacity.
     */
    synchronized Append prepareFanOut(List<byte[]> bodies, long now, List<Mutation> into) {
        checkLive();
        List<OutgoingMessage> messages = bodies.stream().map(OutgoingMessage::of).toList();
        validateSend(messages);
        return reserve(messages, now, into);
    }

    private Append reserve(List<OutgoingMessage> messages, long now, List<Mutation> into) {
        advance(now);
        if (undeleted() + messages.size() > config.maxMsgHeapNum()) {
            throw new QueueException(ErrorReason.QUEUE_FULL,
                    "queue " + name + " holds maxMsgHeapNum=" + config.maxMsgHeapNum() + " messages");
        }
        long seq0 = next;
        next += messages.size();
        long enqueueTime = Math.max(now, lastEnqueueTime);
        lastEnqueueTime = enqueueTime;
        boolean anyDelayed = false;
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            long seq = seq0 + i;
            int delay = m.delaySeconds() == OutgoingMessage.QUEUE_DELAY ? config.delaySeconds() : m.delaySeconds();
            long visibleAt = enqueueTime + delay * 1000L;
            into.add(new Mutation.PutMessage(id, seq, enqueueTime, visibleAt, m.body(), m.attributes()));
            if (delay > 0) {
                into.add(new Mutation.PutDelay(id, visibleAt, seq));
                delays.add(visibleAt, seq);
                anyDelayed = true;
            }
        }
        Append append = new Append(this, seq0, messages, enqueueTime, anyDelayed);
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
        }
    }

    /** Called when an append's write is durable: its messages may now be delivered. */
    void completeAppend(Append append) {
        List<Runnable> completions;
        synchronized (this) {
            append.done = true;
            while (!appending.isEmpty() && appending.peek().done) {
                Append a = appending.poll();
                durable = Math.max(durable, a.seq0 + a.messages.size());
                // Fast path: the cursor is caught up, so the new messages go straight into the
                // window without a disk read. Delayed messages are left to the scan, which
                // knows whether their delay has passed by the time it gets there.
                if (!dropped && !a.failed && !a.delayed && cursor == a.seq0 && a.seq0 >= head
                        && ready.size() + a.messages.size() <= broker.readyWindow()) {
                    for (int i = 0; i < a.messages.size(); i++) {
                        OutgoingMessage m = a.messages.get(i);
                        ready.put(a.seq0 + i, new ReadyMessage(a.seq0 + i, a.enqueueTime, m.body(), m.attributes(), 0, 0));
                    }
                    cursor = a.seq0 + a.messages.size();
                }
            }
            if (dropped) {
                return;
            }
            completions = serveWaiters(broker.now());
        }
        completions.forEach(Runnable::run);
    }

    // ---------------------------------------------------------------- receive

    CompletableFuture<List<ReceivedMessage>> receive(int max, Integer waitSeconds, long now) {
        return receive(max, waitSeconds, null, now);
    }

    /** A receive whose locks last {@code visibilitySeconds} (null: the queue's visibilityTimeout). */
    CompletableFuture<List<ReceivedMessage>> receive(int max, Integer waitSeconds, Integer visibilitySeconds, long now) {
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
            got = take(max, visibilitySeconds, now);
            int wait = waitSeconds != null ? waitSeconds : config.pollingWaitSeconds();
            if (got.isEmpty() && wait > 0 && broker.tryPark()) {
                ParkedReceive parked = new ParkedReceive(max, visibilitySeconds, result);
                waiters.add(parked);
                parked.timeout = broker.scheduler().schedule(() -> expireWaiter(parked), wait * 1000L);
                scheduleWakeup(now);
                return result;
            }
        }
        result.complete(got);
        return result;
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

    /** Locks and returns up to {@code max} receivable messages. Caller holds the lock. */
    private List<ReceivedMessage> take(int max, Integer visibilitySeconds, long now) {
        int lockSeconds = visibilitySeconds != null ? visibilitySeconds : config.visibilityTimeout();
        List<ReceivedMessage> out = new ArrayList<>(Math.min(max, 16));
        while (out.size() < max) {
            if (ready.size() < broker.readyWindow() / 2) {
                refill(now);
            }
            Map.Entry<Long, ReadyMessage> e = ready.pollFirstEntry();
            if (e == null) {
                break;
            }
            ReadyMessage r = e.getValue();
            byte[] body = r.body();
            byte[] attributes = r.attributes();
            long enqueueTime = r.enqueueTime();
            if (body == null) {
                StoredMessage m = broker.store().readMessage(id, r.seq());
                if (m == null) {
                    continue;
                }
                body = m.body();
                attributes = m.attributes();
                enqueueTime = m.enqueueTimeMillis();
            }
            DeadLetterPolicy dlp = config.deadLetterPolicy();
            if (dlp != null && dlp.policy() == DeadLetterPolicy.TIME_TO_LIVE
                    && enqueueTime + dlp.maxTimeToLive() * 1000L <= now
                    && moveToDeadLetter(r.seq(), body, attributes, now)) {
                continue;
            }
            long lockId = broker.nextLockId();
            long visibleAt = now + lockSeconds * 1000L;
            int count = r.dequeueCount() + 1;
            long firstDequeue = r.firstDequeueTime() == 0 ? now : r.firstDequeueTime();
            VisibilityLock lock = new VisibilityLock(r.seq(), lockId, visibleAt, enqueueTime, firstDequeue, count);
            inflight.put(r.seq(), lock);
            expiries.add(lock);
            out.add(new ReceivedMessage(msgId(r.seq()), body, broker.receipts().encode(id, r.seq(), lockId),
                    enqueueTime, visibleAt, firstDequeue, count, attributes));
        }
        return out;
    }

    /** Reads receivable messages from disk into the window. Caller holds the lock. */
    private void refill(long now) {
        if (cursor < head) {
            cursor = head;
        }
        int window = broker.readyWindow();
        while (ready.size() < window && cursor < durable) {
            int room = window - ready.size();
            cursor = broker.store().scanMessages(id, cursor, durable, room,
                    seq -> acks.contains(seq) || inflight.containsKey(seq) || ready.containsKey(seq),
                    m -> {
                        // A message whose delay has not passed is left to the delay timer,
                        // which releases it once the cursor is past it.
                        if (m.visibleAtMillis() <= now) {
                            ReadyMessage history = carried.remove(m.seq());
                            ready.put(m.seq(), new ReadyMessage(m.seq(), m.enqueueTimeMillis(), m.body(), m.attributes(),
                                    history == null ? 0 : history.dequeueCount(),
                                    history == null ? 0 : history.firstDequeueTime()));
                        }
                    });
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
            advanceHead(mutations);
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
            VisibilityLock moved = new VisibilityLock(lock.seq(), lock.lockId(), now + seconds * 1000L,
                    lock.enqueueTime(), lock.firstDequeueTime(), lock.dequeueCount());
            inflight.put(lock.seq(), moved);
            expiries.add(moved);
            if (seconds == 0) {
                advance(now);
            }
        }
        serveWaitersNow();
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
        if (lock == null || lock.lockId() != d.lockId()) {
            return new QueueException(ErrorReason.RECEIPT_HANDLE_STALE,
                    "receipt handle is invalid: the lock expired, the message was received again or deleted");
        }
        inflight.remove(d.seq());
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
            long from = firstSeqAtOrAfter(startMillis);
            List<Mutation> mutations = new ArrayList<>();
            acks.clearFrom(from,
                    (chunk, bits) -> mutations.add(new Mutation.PutAckChunk(id, chunk, bits)),
                    firstChunk -> mutations.add(new Mutation.DeleteAckChunks(id, firstChunk, Long.MAX_VALUE)));
            // Drop window entries at or after the rewind point so that the scan delivers them
            // again in production order together with the restored ones.
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
            ready.clear();
            carried.clear();
            inflight.clear();
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

    /** Applies a validated configuration; returns the meta mutation to write. */
    synchronized Mutation reconfigure(QueueConfig newConfig, long now) {
        checkLive();
        config = newConfig;
        lastModifyTime = now;
        nextRetentionCheck = 0;
        return new Mutation.PutQueueMeta(id, meta().encode());
    }

    synchronized QueueMeta meta() {
        return new QueueMeta(id, name, createTime, lastModifyTime, seqFloor, config);
    }

    /** Marks the queue deleted and returns its parked receivers to be failed by the caller. */
    List<ParkedReceive> drop() {
        synchronized (this) {
            dropped = true;
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
    private boolean moveToDeadLetter(long seq, byte[] body, byte[] attributes, long now) {
        DeadLetterPolicy p = config.deadLetterPolicy();
        QueueEngine target = p == null ? null : broker.find(p.deadLetterQueue());
        if (target == null || target == this) {
            return false;
        }
        acks.add(seq);
        long chunk = seq / Mutation.ACK_CHUNK_BITS;
        List<Mutation> local = new ArrayList<>(2);
        local.add(new Mutation.PutAckChunk(id, chunk, acks.snapshot(chunk)));
        if (!target.acceptDeadLetter(body, attributes, now, local)) {
            acks.remove(seq);
            return false;
        }
        return true;
    }

    /** Appends a message moved from a source queue, in one write with the source's mutations. */
    private boolean acceptDeadLetter(byte[] body, byte[] attributes, long now, List<Mutation> sourceMutations) {
        CompletableFuture<Void> written;
        Append append;
        synchronized (this) {
            if (dropped || undeleted() + 1 > config.maxMsgHeapNum() || body.length > config.maxMsgSize()) {
                return false;
            }
            List<Mutation> mutations = new ArrayList<>(sourceMutations);
            append = prepareAppend(List.of(new OutgoingMessage(body, attributes, 0)), now, mutations);
            written = broker.store().write(mutations);
        }
        written.whenComplete((ok, error) -> {
            append.failed = error != null;
            completeAppend(append);
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
            if (lock.seq() < head) {
                continue;
            }
            DeadLetterPolicy dlp = config.deadLetterPolicy();
            boolean exhausted = dlp != null && (dlp.policy() == DeadLetterPolicy.MAX_RECEIVE_COUNT
                    ? lock.dequeueCount() >= dlp.maxReceiveCount()
                    : lock.enqueueTime() + dlp.maxTimeToLive() * 1000L <= now);
            if (exhausted) {
                StoredMessage m = broker.store().readMessage(id, lock.seq());
                if (m != null && moveToDeadLetter(lock.seq(), m.body(), m.attributes(), now)) {
                    continue;
                }
            }
            ReadyMessage back = new ReadyMessage(lock.seq(), lock.enqueueTime(), null, null,
                    lock.dequeueCount(), lock.firstDequeueTime());
            // The window only holds seqs below the cursor, so that it always has the oldest
            // receivable messages; one at or after the cursor is left to the scan.
            if (lock.seq() < cursor) {
                ready.put(lock.seq(), back);
            } else {
                carried.put(lock.seq(), back);
            }
        }
        delays.releaseDue(now, broker.store(), id, seq -> {
            // Only messages the scan has passed need the timer; the scan delivers the rest.
            if (seq >= head && seq < cursor && !acks.contains(seq) && !inflight.containsKey(seq)
                    && !ready.containsKey(seq)) {
                ready.put(seq, new ReadyMessage(seq, -1, null, null, 0, 0));
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
            }
            advanceHead(mutations);
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

    /** Drops messages older than msgRetentionSeconds, deleted or not. Caller holds the lock. */
    private void trimExpired(long now, List<Mutation> mutations) {
        if (head >= durable) {
            return;
        }
        long cutoff = now - config.msgRetentionSeconds() * 1000L;
        // One read answers the common case (the oldest message is young enough); only then
        // is the boundary binary-searched. With thousands of queues this pass runs every second.
        if (headTimeSeq != head) {
            StoredMessage first = broker.store().readMessage(id, head);
            headTime = first == null ? Long.MIN_VALUE : first.enqueueTimeMillis();
            headTimeSeq = head;
        }
        if (headTime > cutoff) {
            return;
        }
        long boundary = firstSeqAfter(cutoff);
        if (boundary > head) {
            moveHead(boundary, mutations);
        }
    }

    /** Drops the fully deleted prefix unless deleted messages are kept for rewind. */
    private void advanceHead(List<Mutation> mutations) {
        if (config.rewindSeconds() > 0) {
            return;
        }
        long firstLive = acks.nextUndeleted(head, durable);
        long boundary = firstLive - firstLive % Mutation.ACK_CHUNK_BITS;
        if (boundary > head) {
            moveHead(boundary, mutations);
        }
    }

    private void moveHead(long newHead, List<Mutation> mutations) {
        mutations.add(new Mutation.DeleteMessages(id, head, newHead));
        mutations.add(new Mutation.DeleteAckChunks(id, head / Mutation.ACK_CHUNK_BITS, newHead / Mutation.ACK_CHUNK_BITS));
        head = newHead;
        acks.dropBelow(newHead);
        ready.headMap(newHead, false).clear();
        carried.keySet().removeIf(seq -> seq < newHead);
        inflight.keySet().removeIf(seq -> seq < newHead);
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
            List<ReceivedMessage> got = take(w.maxMessages, w.visibilitySeconds, now);
            if (got.isEmpty()) {
                break;
            }
            waiters.poll();
            w.timeout.cancel();
            completions.add(() -> {
                broker.unpark();
                w.result.complete(got);
            });
        }
        scheduleWakeup(now);
        return completions;
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
        long active = Math.max(0, undeleted() - inactive - delayed);
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

    private String msgId(long seq) {
        return publicId.substring(6) + "-" + seq;
    }
}
