package io.opencmq.core.topic;

import java.util.List;

/** SetSubscriptionAttributes: a null field is left unchanged; an empty list clears. */
public record SubscriptionChanges(
        NotifyStrategy notifyStrategy,
        ContentFormat notifyContentFormat,
        List<String> filterTags,
        List<String> bindingKeys) {
}
