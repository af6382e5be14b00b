package io.opencmq.core.queue;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.QueueLimits;

/**
 * Turns requested {@link QueueSettings} into a valid {@link QueueConfig}: fills defaults on
 * create, keeps current values on set, and checks every range against {@link QueueLimits}.
 * Cross-queue rules of dead-letter policies (target exists, no nesting) are the broker's.
 */
public final class QueueConfigs {
    private QueueConfigs() {
    }

    public static QueueConfig defaults(QueueLimits l) {
        return new QueueConfig(l.defaultMaxMsgHeapNum(), l.defaultPollingWaitSeconds(), l.defaultVisibilityTimeout(),
                l.defaultMaxMsgSize(), l.defaultMsgRetentionSeconds(), 0, null);
    }

    /** {@code base} with {@code s} applied; throws {@link QueueException} on a bad value. */
    public static QueueConfig apply(QueueConfig base, QueueSettings s, QueueLimits l) {
        long heap = s.maxMsgHeapNum() != null
                ? check("maxMsgHeapNum", s.maxMsgHeapNum(), l.minMaxMsgHeapNum(), l.maxMaxMsgHeapNum())
                : base.maxMsgHeapNum();
        int wait = s.pollingWaitSeconds() != null
                ? (int) check("pollingWaitSeconds", s.pollingWaitSeconds(), 0, l.maxPollingWaitSeconds())
                : base.pollingWaitSeconds();
        int visibility = s.visibilityTimeout() != null
                ? (int) check("visibilityTimeout", s.visibilityTimeout(), l.minVisibilityTimeout(), l.maxVisibilityTimeout())
                : base.visibilityTimeout();
        int size = s.maxMsgSize() != null
                ? (int) check("maxMsgSize", s.maxMsgSize(), l.minMaxMsgSize(), l.maxMaxMsgSize())
                : base.maxMsgSize();
        int retention = s.msgRetentionSeconds() != null
                ? (int) check("msgRetentionSeconds", s.msgRetentionSeconds(), l.minMsgRetentionSeconds(), l.maxMsgRetentionSeconds())
                : base.msgRetentionSeconds();
        int rewind = s.rewindSeconds() != null
                ? (int) check("rewindSeconds", s.rewindSeconds(), 0, l.maxRewindSeconds())
                : base.rewindSeconds();
        if (rewind > retention) {
            throw new QueueException(ErrorReason.REWIND_EXCEEDS_RETENTION,
                    "rewindSeconds " + rewind + " cannot be greater than msgRetentionSeconds " + retention);
        }
        DeadLetterPolicy dlq = s.deadLetterPolicy() != null ? s.deadLetterPolicy() : base.deadLetterPolicy();
        if (dlq != null) {
            checkDeadLetterPolicy(dlq, retention, l);
        }
        int delay = s.delaySeconds() != null
                ? (int) check("delaySeconds", s.delaySeconds(), 0, Math.min(l.maxQueueDelaySeconds(), retention))
                : base.delaySeconds();
        java.util.Map<String, String> properties = base.properties();
        if (s.properties() != null && !s.properties().isEmpty()) {
            java.util.Map<String, String> merged = new java.util.TreeMap<>(properties);
            s.properties().forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            if (merged.size() > l.maxQueueProperties()) {
                throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                        "a queue holds at most " + l.maxQueueProperties() + " properties");
            }
            properties = merged;
        }
        // Whether a queue may take a FIFO policy (only when created) is the broker's rule.
        FifoPolicy fifo = s.fifo() != null ? s.fifo() : base.fifo();
        return new QueueConfig(heap, wait, visibility, size, retention, rewind, dlq, delay, properties, fifo);
    }

    private static void checkDeadLetterPolicy(DeadLetterPolicy p, int retention, QueueLimits l) {
        if (p.deadLetterQueue() == null || p.deadLetterQueue().isEmpty()) {
            throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "deadLetterQueue is required");
        }
        switch (p.policy()) {
            case DeadLetterPolicy.MAX_RECEIVE_COUNT -> {
                if (p.maxReceiveCount() < l.minDeadLetterMaxReceiveCount() || p.maxReceiveCount() > l.maxDeadLetterMaxReceiveCount()) {
                    throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "maxReceiveCount must be between "
                            + l.minDeadLetterMaxReceiveCount() + " and " + l.maxDeadLetterMaxReceiveCount());
                }
            }
            case DeadLetterPolicy.TIME_TO_LIVE -> {
                if (p.maxTimeToLive() < l.minDeadLetterTimeToLive() || p.maxTimeToLive() > l.maxDeadLetterTimeToLive()) {
                    throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "maxTimeToLive must be between "
                            + l.minDeadLetterTimeToLive() + " and " + l.maxDeadLetterTimeToLive());
                }
                if (p.maxTimeToLive() >= retention) {
                    throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID,
                            "maxTimeToLive must be less than msgRetentionSeconds " + retention);
                }
            }
            default -> throw new QueueException(ErrorReason.DEAD_LETTER_POLICY_INVALID, "policy must be 0 or 1");
        }
    }

    private static long check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new QueueException(ErrorReason.PARAMETER_OUT_OF_RANGE,
                    name + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** See {@link io.opencmq.core.limits.NameRules}. */
    public static void checkName(String name, boolean fifo, QueueLimits l) {
        io.opencmq.core.limits.NameRules.checkQueue(name, l.maxQueueNameLength(), fifo, ErrorReason.INVALID_QUEUE_NAME);
    }
}
