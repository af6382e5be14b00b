package io.opencmq.protocol.cmq.action;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the action for a request's Action parameter, case-insensitively: the official Java
 * SDK 1.0.7 sends "ClearSUbscriptionFIlterTags", and the Python SDK capitalises the first
 * letter of whatever it is given.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class CmqActionRegistry {

    private final Map<String, CmqAction> byLowerCaseName = new HashMap<>();

    public CmqActionRegistry(List<CmqAction> actions) {
        for (CmqAction action : actions) {
            CmqAction previous = byLowerCaseName.put(key(action.name()), action);
            if (previous != null) {
                throw new IllegalArgumentException("two actions named " + action.name());
            }
        }
    }

    /** The action, or null if none has that name. */
    public CmqAction find(String actionName) {
        return byLowerCaseName.get(key(actionName));
    }

    public int size() {
        return byLowerCaseName.size();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
