package io.opencmq.core.queue;

import java.util.List;

/** One page of a queue listing; {@code totalCount} counts all matches, not the page. */
public record QueuePage(int totalCount, List<QueueRef> queues) {
}
