package io.opencmq.core.engine;

import io.opencmq.core.delivery.MessageEnvelope;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.MessageMoveTask.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One message move task: empties a dead-letter queue back into the queues its messages came
 * from (or into one destination), a batch at a time on the broker's scheduler.
 *
 * <p>Each step locks a batch in the source like a receive would (so consumers of the
 * dead-letter queue never get a message being moved), writes it to its destinations, and
 * deletes it from the source only once that write is durable: a crash in between leaves a
 * copy in both queues, never in none. Only messages whose seq is below the source's next seq
 * when the task started are moved, so a message that fails again and comes back is not moved
 * twice by the same task.
 *
 * <p>Durability: the task's {@link MoveTaskRecord} is written (through {@link MessageMoves}) when
 * it starts, on every change of status, and with its progress at most once every
 * {@value #SAVE_INTERVAL_MILLIS} ms while it runs (and at close). A task that was running when
 * the server stopped resumes when it starts again ({@link #resumed}), bounded by the same seq
 * limit. Moves
 * are at least once: messages written to their destination whose delete from the source had not
 * become durable yet are still in the source after a restart and are moved again, and
 * {@code moved} may undercount by what was moved after the last progress write.
 */
final class MessageMover {
    /** Locks taken by a step outlast any write by far; an abandoned step's messages return by themselves. */
    private static final int LOCK_SECONDS = 120;
    /** Progress (the count moved) is written at most this often while a task runs. */
    static final long SAVE_INTERVAL_MILLIS = 1000;

    private final MessageMoves owner;
    private final Broker broker;
    private final long ordinal;
    private final String handle;
    private final String source;
    /** The internal id of the source queue: one deleted and created again under its name is another queue. */
    private final long sourceId;
    private final String destination;
    private final Integer maxPerSecond;
    private final long startedAt;
    private final long toMove;
    private final long seqLimit;
    private final AtomicLong moved = new AtomicLong();
    private volatile Status status = Status.RUNNING;
    private volatile boolean cancelRequested;
    private volatile String failureReason;
    /** When progress was last written; touched only by the task's steps. */
    private volatile long savedAt;

    MessageMover(MessageMoves owner, Broker broker, long ordinal, String handle, QueueEngine source,
                 String destination, Integer maxPerSecond, long now) {
        this.owner = owner;
        this.broker = broker;
        this.ordinal = ordinal;
        this.handle = handle;
        this.source = source.name();
        this.sourceId = source.id();
        this.destination = destination;
        this.maxPerSecond = maxPerSecond;
        this.startedAt = now;
        this.toMove = source.size();
        this.seqLimit = source.nextSeq();
        this.savedAt = now;
    }

    private MessageMover(MessageMoves owner, Broker broker, MoveTaskRecord r, long sourceId) {
        this.owner = owner;
        this.broker = broker;
        this.ordinal = r.ordinal();
        this.handle = r.handle();
        this.source = r.source();
        this.sourceId = sourceId;
        this.destination = r.destination();
        this.maxPerSecond = r.maxPerSecond();
        this.startedAt = r.startedAt();
        this.toMove = r.toMove();
        this.seqLimit = r.seqLimit();
        this.moved.set(r.moved());
        this.status = r.status();
        this.failureReason = r.failureReason();
        this.savedAt = broker.now();
    }

    /**
     * A task recovered from its record, in the status recorded ({@link #start} resumes a RUNNING
     * one). {@code source} is the queue of that name now, or null if there is none.
     */
    static MessageMover resumed(MessageMoves owner, Broker broker, MoveTaskRecord r, QueueEngine source) {
        return new MessageMover(owner, broker, r, source == null ? -1 : source.id());
    }

    /** The durable form of the task as it is now; the caller holds the owner's lock. */
    MoveTaskRecord record() {
        return new MoveTaskRecord(ordinal, handle, source, destination, maxPerSecond, status, toMove, moved.get(),
                startedAt, seqLimit, failureReason);
    }

    long ordinal() {
        return ordinal;
    }

    void start() {
        broker.scheduler().schedule(this::step, 0);
    }

    String handle() {
        return handle;
    }

    String source() {
        return source;
    }

    boolean running() {
        Status s = status;
        return s == Status.RUNNING || s == Status.CANCELLING;
    }

    /** Asks the task to stop after the batch in progress; false if it was not running. */
    boolean cancel() {
        synchronized (owner) {
            if (status != Status.RUNNING) {
                return false;
            }
            cancelRequested = true;
            status = Status.CANCELLING;
            owner.save(this);
            return true;
        }
    }

    /** Ends a task that never ran because its record could not be written. */
    void abandon(String reason) {
        synchronized (owner) {
            failureReason = reason;
            status = Status.FAILED;
        }
    }

    /**
     * Settles a recovered task that cannot resume: a requested cancel is done (the process that
     * was to finish it stopped), and a task whose source queue is gone failed. Returns whether
     * the status changed; the caller writes the record.
     */
    boolean settleRecovered() {
        synchronized (owner) {
            if (status == Status.CANCELLING) {
                status = Status.CANCELLED;
                return true;
            }
            if (status == Status.RUNNING && sourceId < 0) {
                status = Status.FAILED;
                failureReason = "source queue " + source + " no longer exists";
                return true;
            }
            return false;
        }
    }

    MessageMoveTask snapshot() {
        return new MessageMoveTask(handle, source, destination, maxPerSecond, status, toMove, moved.get(), startedAt,
                failureReason);
    }

    /** One batch; an unexpected failure ends the task as FAILED rather than leaving it RUNNING forever. */
    private void step() {
        try {
            moveBatch();
        } catch (RuntimeException e) {
            finish(Status.FAILED, "the move failed: " + e);
        }
    }

    private void moveBatch() {
        if (cancelRequested) {
            finish(Status.CANCELLED, null);
            return;
        }
        if (broker.isClosed()) {
            // Stops without a word: the record says RUNNING, so the task resumes at the next start.
            return;
        }
        QueueEngine from = broker.find(source);
        if (from == null || from.id() != sourceId) {
            finish(Status.FAILED, "source queue " + source + " was deleted");
            return;
        }
        long stepStart = broker.now();
        int batch = broker.limits().maxBatchSize();
        if (maxPerSecond != null) {
            batch = Math.min(batch, maxPerSecond);
        }
        List<ReceivedMessage> taken;
        try {
            taken = from.takeForMove(batch, seqLimit, LOCK_SECONDS, stepStart);
        } catch (QueueException e) {
            finish(Status.FAILED, e.getMessage());
            return;
        }
        if (taken.isEmpty()) {
            finish(Status.COMPLETED, null);
            return;
        }
        Map<QueueEngine, List<ReceivedMessage>> byDestination = new LinkedHashMap<>();
        for (ReceivedMessage m : taken) {
            String target = destination != null ? destination : m.deadLetterSource();
            String problem = null;
            QueueEngine to = target == null ? null : broker.find(target);
            if (target == null) {
                problem = "message " + m.msgId() + " did not come to " + source
                        + " as a dead letter, so it has no source queue; name a destination";
            } else if (to == null) {
                problem = "destination queue " + target + " does not exist";
            } else if (to.config().isFifo() != from.config().isFifo()) {
                problem = "destination queue " + target + " is not of the same kind (FIFO or standard) as " + source;
            }
            if (problem != null) {
                release(from, taken);
                finish(Status.FAILED, problem);
                return;
            }
            byDestination.computeIfAbsent(to, q -> new ArrayList<>()).add(m);
        }
        List<CompletableFuture<Void>> steps = new ArrayList<>(byDestination.size());
        byDestination.forEach((to, messages) -> steps.add(moveTo(from, to, messages, stepStart)));
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error != null) {
                // Unmoved messages keep their lock until it expires, then are receivable again.
                finish(Status.FAILED, Broker.unavailable(error).getMessage());
                return;
            }
            if (broker.now() - savedAt >= SAVE_INTERVAL_MILLIS) {
                savedAt = broker.now();
                owner.saveProgress(this);
            }
            long wait = 0;
            if (maxPerSecond != null) {
                wait = Math.max(0, stepStart + taken.size() * 1000L / maxPerSecond - broker.now());
            }
            broker.scheduler().schedule(this::step, wait);
        });
    }

    /** Writes messages to {@code to}, then deletes them from {@code from}. */
    private CompletableFuture<Void> moveTo(QueueEngine from, QueueEngine to, List<ReceivedMessage> messages, long now) {
        List<QueueEngine.Entry> entries = new ArrayList<>(messages.size());
        List<String> handles = new ArrayList<>(messages.size());
        for (ReceivedMessage m : messages) {
            // A new message of its destination (as SQS documents), marked moved: it was never
            // sent there, so recovery must not remember its deduplication id.
            byte[] stored = MessageEnvelope.movedBack(m.groupId(), m.dedupId(), m.attributes()).encode();
            entries.add(new QueueEngine.Entry(m.body(), stored, 0, to.config().isFifo() ? m.groupId() : null));
            handles.add(m.receiptHandle());
        }
        CompletableFuture<Void> written;
        try {
            written = to.appendMoved(entries, now);
        } catch (QueueException e) {
            return CompletableFuture.failedFuture(e);
        }
        return written.thenCompose(ok -> from.deleteAll(handles, broker.now())).thenAccept(outcomes -> {
            for (DeleteOutcome o : outcomes) {
                if (o.ok()) {
                    moved.incrementAndGet();
                }
            }
        });
    }

    private void release(QueueEngine from, List<ReceivedMessage> taken) {
        for (ReceivedMessage m : taken) {
            try {
                from.changeVisibility(m.receiptHandle(), 0, broker.now());
            } catch (QueueException e) {
                // The lock is gone already (queue deleted or purged): nothing to give back.
            }
        }
    }

    private void finish(Status end, String reason) {
        synchronized (owner) {
            if (status == Status.CANCELLING && end == Status.COMPLETED) {
                end = Status.CANCELLED;
            }
            failureReason = reason;
            status = end;
            owner.save(this);
        }
    }
}
