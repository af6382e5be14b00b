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
    private NameRules() {
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
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new QueueException(reason, what + " name may contain only letters, digits, '-' and '_'");
            }
        }
    }
}
