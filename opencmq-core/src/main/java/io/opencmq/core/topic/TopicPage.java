package io.opencmq.core.topic;

import java.util.List;

/** One page of a topic listing; {@code totalCount} counts all matches. */
public record TopicPage(int totalCount, List<TopicRef> topics) {
}
