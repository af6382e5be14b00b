package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.queue.MessageMoveTask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The message move tasks of a broker: at most one running per source queue, the last
 * {@value #KEPT_PER_SOURCE} of each source kept for listing. In memory only: a restart forgets
 * them (the messages themselves are safe, see {@link MessageMover}).
 */
final class MessageMoves {
    private static final int KEPT_PER_SOURCE = 10;

    private final Broker broker;
    private final Map<String, MessageMover> byHandle = new HashMap<>();
    private final Map<String, Deque<MessageMover>> bySource = new HashMap<>();

    MessageMoves(Broker broker) {
        this.broker = broker;
    }

    synchronized MessageMoveTask start(QueueEngine source, QueueEngine destination, Integer maxPerSecond, long now) {
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
        Deque<MessageMover> recent = bySource.computeIfAbsent(key(source.name()), k -> new ArrayDeque<>());
        MessageMover newest = recent.peekFirst();
        if (newest != null && newest.running()) {
            throw new QueueException(ErrorReason.MOVE_TASK_NOT_ALLOWED,
                    "a message move task is already running for " + source.name() + ": " + newest.handle());
        }
        MessageMover task = new MessageMover(broker, UUID.randomUUID().toString(), source,
                destination == null ? null : destination.name(), maxPerSecond, now);
        recent.addFirst(task);
        byHandle.put(task.handle(), task);
        while (recent.size() > KEPT_PER_SOURCE) {
            byHandle.remove(recent.removeLast().handle());
        }
        MessageMoveTask started = task.snapshot();
        task.start();
        return started;
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

    private static String key(String queueName) {
        return queueName.toLowerCase(Locale.ROOT);
    }
}
