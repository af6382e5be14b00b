package io.opencmq.core.topic;

import java.util.List;

/**
 * Attributes given to Subscribe. {@code endpoint} is a queue name for {@link SubscriptionProtocol#QUEUE},
 * an {@code http://} or {@code https://} URL otherwise. Null strategy / format mean the CMQ
 * defaults (EXPONENTIAL_DECAY_RETRY, JSON — SIMPLIFIED for queues); null or empty lists mean none.
 */
public record SubscriptionSettings(
        SubscriptionProtocol protocol,
        String endpoint,
        NotifyStrategy notifyStrategy,
        ContentFormat notifyContentFormat,
        List<String> filterTags,
        List<String> bindingKeys) {
}
