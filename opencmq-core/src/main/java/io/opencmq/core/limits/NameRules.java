package io.opencmq.core.limits;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;

/**
 * The naming rule shared by queues, topics and subscriptions: 1 to {@code maxLength}
 * characters, starting with a letter, then letters, digits, '-' and '_'. Names that start
 * with anything else (for example the {@code __push-} queues of HTTP subscriptions) are
 * therefore free for the server's own use.
 */
public final class NameRules {
    /** Topic and subscription names, as CMQ defines them. */
    public static final int MAX_TOPIC_NAME_LENGTH = 64;
    /** What a FIFO queue's name ends with, and no other queue's. */
    public static final String FIFO_SUFFIX = ".fifo";
    /** Queue names starting with this belong to the server (e.g. the push queues of subscriptions). */
    public static final String RESERVED_PREFIX = "__";

    private NameRules() {
    }

    /**
     * Queue names are wider than topic names, so that queues created through SQS fit: 1 to
     * {@code maxLength} characters of letters, digits, '-' and '_' in any order, plus
     * {@value #FIFO_SUFFIX} exactly when the queue is FIFO. Each protocol may be narrower on
     * creation (CMQ: a letter first, 64 at most).
     */
    public static void checkQueue(String name, int maxLength, boolean fifo, ErrorReason reason) {
        if (name == null || name.isEmpty() || name.length() > maxLength) {
            throw new QueueException(reason, "queue name must be 1 to " + maxLength + " characters");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            throw new QueueException(reason, "queue names starting with " + RESERVED_PREFIX + " are reserved for the server");
        }
        boolean fifoName = name.endsWith(FIFO_SUFFIX);
        if (fifoName != fifo) {
            throw new QueueException(reason, fifo
                    ? "a FIFO queue's name must end in " + FIFO_SUFFIX
                    : "only a FIFO queue's name may end in " + FIFO_SUFFIX);
        }
        int end = name.length() - (fifo ? FIFO_SUFFIX.length() : 0);
        if (end == 0) {
            throw new QueueException(reason, "queue name must have at least one character before " + FIFO_SUFFIX);
        }
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new QueueException(reason, "queue name may contain only letters, digits, '-' and '_'"
                        + (fifo ? " before " + FIFO_SUFFIX : ""));
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    public static void check(String name, int maxLength, ErrorReason reason, String what) {
        if (name == null || name.isEmpty() || name.length() > maxLength) {
            throw new QueueException(reason, what + " name must be 1 to " + maxLength + " characters");
        }
        char first = name.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            throw new QueueException(reason, what + " name must start with a letter");
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new QueueException(reason, what + " name may contain only letters, digits, '-' and '_'");
            }
        }
    }
}
