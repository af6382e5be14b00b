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
 */
final class MessageMover {
    /** Locks taken by a step outlast any write by far; an abandoned step's messages return by themselves. */
    private static final int LOCK_SECONDS = 120;

    private final Broker broker;
    private final String handle;
    private final String source;
    private final String destination;
    private final Integer maxPerSecond;
    private final long startedAt;
    private final long toMove;
    private final long seqLimit;
    private final AtomicLong moved = new AtomicLong();
    private volatile Status status = Status.RUNNING;
    private volatile boolean cancelRequested;
    private volatile String failureReason;

    MessageMover(Broker broker, String handle, QueueEngine source, String destination, Integer maxPerSecond, long now) {
        this.broker = broker;
        this.handle = handle;
        this.source = source.name();
        this.destination = destination;
        this.maxPerSecond = maxPerSecond;
        this.startedAt = now;
        this.toMove = source.size();
        this.seqLimit = source.nextSeq();
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
    synchronized boolean cancel() {
        if (status != Status.RUNNING) {
            return false;
        }
        cancelRequested = true;
        status = Status.CANCELLING;
        return true;
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
            finish(Status.FAILED, "the server shut down");
            return;
        }
        QueueEngine from = broker.find(source);
        if (from == null) {
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

    private synchronized void finish(Status end, String reason) {
        if (status == Status.CANCELLING && end == Status.COMPLETED) {
            end = Status.CANCELLED;
        }
        failureReason = reason;
        status = end;
    }
}
