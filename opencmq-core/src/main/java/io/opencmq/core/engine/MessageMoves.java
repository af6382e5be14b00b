package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.spi.Mutation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The message move tasks of a broker: at most one running per source queue, the last
 * {@value #KEPT_PER_SOURCE} of each source kept for listing.
 *
 * <p>Durability: each kept task has a {@link MoveTaskRecord} in the store's node values,
 * written when it starts and whenever it changes (see {@link MessageMover}); a task dropped
 * from the last {@value #KEPT_PER_SOURCE}, or whose source queue is deleted, has its record
 * deleted. {@link #recover} loads them when the broker opens: a RUNNING task resumes, a
 * CANCELLING one is CANCELLED, one whose source queue is gone is FAILED.
 *
 * <p>Thread-safety: this object's monitor guards the tasks and every change of a task's
 * status; records are written under it, so they reach the store in the order of the changes.
 */
final class MessageMoves {
    private static final int KEPT_PER_SOURCE = 10;

    private final Broker broker;
    private final Map<String, MessageMover> byHandle = new HashMap<>();
    private final Map<String, Deque<MessageMover>> bySource = new HashMap<>();
    private long nextOrdinal = 1;

    MessageMoves(Broker broker) {
        this.broker = broker;
    }

    /** Loads the recorded tasks (the broker's queues are recovered already) and resumes the running ones. */
    synchronized void recover() {
        List<Mutation> changes = new ArrayList<>();
        List<MessageMover> resume = new ArrayList<>();
        // Oldest first (records are named by ordinal), so the newest of a source ends up first.
        broker.store().loadNodeValues(MoveTaskRecord.KEY_PREFIX).forEach((key, raw) -> {
            MoveTaskRecord r = MoveTaskRecord.decode(key, raw);
            nextOrdinal = Math.max(nextOrdinal, r.ordinal() + 1);
            MessageMover task = MessageMover.resumed(this, broker, r, broker.find(r.source()));
            if (task.settleRecovered()) {
                changes.add(put(task));
            }
            keep(task, changes);
        });
        for (MessageMover task : byHandle.values()) {
            if (task.running()) {
                resume.add(task);
            }
        }
        if (!changes.isEmpty()) {
            broker.store().write(changes).join();
        }
        for (MessageMover task : resume) {
            task.start();
        }
    }

    synchronized CompletableFuture<MessageMoveTask> start(QueueEngine source, QueueEngine destination,
                                                         Integer maxPerSecond, long now) {
        // The caller looked the queue up before taking this lock: if it was deleted since, its
        // deletion has already cleared its tasks (sourceDeleted), so a task started now would
        // outlive it, and after a restart move the messages of a new queue of the same name.
        if (broker.find(source.name()) != source) {
            throw new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue " + source.name() + " does not exist");
        }
        if (!broker.isDeadLetterQueue(source)) {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED,
                    "queue " + source.name() + " is not the dead-letter queue of any queue");
        }
        if (maxPerSecond != null && maxPerSecond < 1) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE, "maxPerSecond must be at least 1");
        }
        if (destination != null) {
            if (destination == source) {
                throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED, "source and destination are the same queue");
            }
            if (destination.config().isFifo() != source.config().isFifo()) {
                throw new QueueException(ErrorReason.QUEUE_KIND_MISMATCH,
                        "source and destination must both be FIFO queues or both standard queues");
            }
        }
        Deque<MessageMover> recent = bySource.get(key(source.name()));
        MessageMover newest = recent == null ? null : recent.peekFirst();
        if (newest != null && newest.running()) {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED,
                    "a message move task is already running for " + source.name() + ": " + newest.handle());
        }
        MessageMover task = new MessageMover(this, broker, nextOrdinal++, UUID.randomUUID().toString(), source,
                destination == null ? null : destination.name(), maxPerSecond, now);
        List<Mutation> changes = new ArrayList<>();
        changes.add(put(task));
        keep(task, changes);
        MessageMoveTask started = task.snapshot();
        // The task runs once its record is durable, so a handle a client has seen survives a restart.
        return broker.store().write(changes).handle((ok, error) -> {
            if (error != null) {
                task.abandon("its record could not be written: " + Broker.unavailable(error).getMessage());
                throw Broker.unavailable(error);
            }
            task.start();
            return started;
        });
    }

    synchronized List<MessageMoveTask> list(QueueEngine source, int max) {
        Deque<MessageMover> recent = bySource.get(key(source.name()));
        List<MessageMoveTask> out = new ArrayList<>();
        if (recent != null) {
            for (MessageMover m : recent) {
                if (out.size() >= max) {
                    break;
                }
                out.add(m.snapshot());
            }
        }
        return out;
    }

    synchronized MessageMoveTask cancel(String handle) {
        MessageMover task = handle == null ? null : byHandle.get(handle);
        if (task == null) {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_FOUND, "no message move task has handle " + handle);
        }
        if (!task.cancel()) {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED,
                    "message move task " + handle + " is not running: " + task.snapshot().status());
        }
        return task.snapshot();
    }

    /**
     * Forgets the tasks of a source queue being deleted and adds the deletes of their records to
     * {@code into} (the write that drops the queue). A running one stops at its next step.
     */
    synchronized void sourceDeleted(String queueName, List<Mutation> into) {
        Deque<MessageMover> recent = bySource.remove(key(queueName));
        if (recent == null) {
            return;
        }
        for (MessageMover m : recent) {
            byHandle.remove(m.handle());
            into.add(new Mutation.DeleteNodeValue(MoveTaskRecord.key(m.ordinal())));
        }
    }

    /** Writes a task's record after a change of status (called by the task under this monitor). */
    synchronized void save(MessageMover task) {
        write(task);
    }

    /** Writes a running task's progress (at most about once a second, see {@link MessageMover}). */
    synchronized void saveProgress(MessageMover task) {
        write(task);
    }

    /** Writes the progress of every running task (at close, while the store is still open). */
    synchronized void saveRunning() {
        for (MessageMover task : byHandle.values()) {
            if (task.running()) {
                write(task);
            }
        }
    }

    private void write(MessageMover task) {
        // A task no longer kept (dropped from the last few, or its source deleted) has no record
        // to update; after close the store belongs to whoever recovers from it next.
        if (broker.isClosed() || byHandle.get(task.handle()) != task) {
            return;
        }
        // A failed write is not fatal: the next change writes the whole record again.
        broker.store().write(List.of(put(task)));
    }

    /** Adds a task as its source's newest; the records of tasks it pushes out are deleted. */
    private void keep(MessageMover task, List<Mutation> changes) {
        Deque<MessageMover> recent = bySource.computeIfAbsent(key(task.source()), k -> new ArrayDeque<>());
        recent.addFirst(task);
        byHandle.put(task.handle(), task);
        while (recent.size() > KEPT_PER_SOURCE) {
            MessageMover old = recent.removeLast();
            byHandle.remove(old.handle());
            changes.add(new Mutation.DeleteNodeValue(MoveTaskRecord.key(old.ordinal())));
        }
    }

    private static Mutation put(MessageMover task) {
        MoveTaskRecord r = task.record();
        return new Mutation.PutNodeValue(r.key(), r.encode());
    }

    private static String key(String queueName) {
        return queueName.toLowerCase(Locale.ROOT);
    }
}
