package io.opencmq.core.topic;

/**
 * Attributes given to CreateTopic. A null field means "the default": maxMsgSize 65,536 and
 * {@link FilterType#TAG}. The filter type cannot change after creation.
 */
public record TopicSettings(Integer maxMsgSize, FilterType filterType) {
    public static final TopicSettings NONE = new TopicSettings(null, null);
}
