package io.opencmq.protocol.sqs.action;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the action for a request's Action parameter or {@code X-Amz-Target} suffix. Names are
 * matched exactly, as AWS does. Immutable and thread-safe once built.
 */
public final class SqsActionRegistry {

    private final Map<String, SqsAction> byName = new HashMap<>();

    public SqsActionRegistry(List<SqsAction> actions) {
        for (SqsAction action : actions) {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalArgumentException("two actions named " + action.name());
            }
        }
    }

    /** The action, or null if none has that name. */
    public SqsAction find(String actionName) {
        return byName.get(actionName);
    }
}
