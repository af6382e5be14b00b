package io.opencmq.core.error;

/**
 * Protocol-neutral reasons a request can fail. Each protocol maps these to its own codes in
 * one table (CMQ: {@code CmqErrors}); the names are stable and never reused.
 */
public enum ErrorReason {
    /** A parameter is present but malformed or of the wrong type. */
    INVALID_PARAMETER,
    /** A required parameter is absent. */
    MISSING_PARAMETER,
    /** A numeric parameter is outside its allowed range. */
    PARAMETER_OUT_OF_RANGE,
    /**
     * Queue name is not 1–80 characters of letters, digits, '-' and '_' (a FIFO queue's name
     * ends in ".fifo", no other may), or starts with "__" (reserved for the server).
     */
    INVALID_QUEUE_NAME,
    /** A batch has more entries than allowed (or none). */
    BATCH_SIZE_OUT_OF_RANGE,
    /** Message body is empty. */
    EMPTY_MESSAGE_BODY,
    /** One message is larger than the queue's maxMsgSize. */
    MESSAGE_TOO_LARGE,
    /** The bodies of a batch together exceed the batch limit. */
    BATCH_TOO_LARGE,
    QUEUE_NOT_FOUND,
    QUEUE_ALREADY_EXISTS,
    /** The node already holds the maximum number of queues. */
    QUEUE_LIMIT_REACHED,
    /** The queue holds maxMsgHeapNum messages already. */
    QUEUE_FULL,
    /** Receipt handle is malformed, forged, or names another queue. */
    RECEIPT_HANDLE_INVALID,
    /**
     * Receipt handle is authentic but its lock is gone: it expired, a later receive superseded
     * it, or the message was deleted. (CMQ answers both the same; SQS treats them differently.)
     */
    RECEIPT_HANDLE_STALE,
    /** RewindQueue on a queue whose rewindSeconds is 0. */
    REWIND_NOT_ENABLED,
    /** RewindQueue to a time before now - rewindSeconds, or in the future. */
    REWIND_TIME_INVALID,
    /** rewindSeconds larger than msgRetentionSeconds. */
    REWIND_EXCEEDS_RETENTION,
    /** deadLetterPolicy is malformed or violates its rules (nesting, missing fields, ranges). */
    DEAD_LETTER_POLICY_INVALID,
    /** The queue named as dead-letter queue does not exist. */
    DEAD_LETTER_QUEUE_NOT_FOUND,
    INVALID_TOPIC_NAME,
    TOPIC_NOT_FOUND,
    TOPIC_ALREADY_EXISTS,
    /** The node already holds the maximum number of topics. */
    TOPIC_LIMIT_REACHED,
    /** DeleteTopic while the topic still has subscriptions. */
    TOPIC_HAS_SUBSCRIPTIONS,
    /** PublishMessage on a topic without subscriptions. */
    TOPIC_HAS_NO_SUBSCRIPTION,
    /** PublishMessage whose tags or routing key match no subscription. */
    NO_MATCHING_SUBSCRIPTION,
    INVALID_SUBSCRIPTION_NAME,
    SUBSCRIPTION_NOT_FOUND,
    SUBSCRIPTION_ALREADY_EXISTS,
    /** The topic already has the maximum number of subscriptions. */
    SUBSCRIPTION_LIMIT_REACHED,
    /** Subscription endpoint is malformed, not http/https, or names no queue. */
    INVALID_ENDPOINT,
    /** Subscription endpoint contains blank characters. */
    ENDPOINT_HAS_BLANK,
    /** A queue subscription with a content format other than SIMPLIFIED. */
    QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED,
    /** More filter tags or message tags than allowed, or one too long. */
    INVALID_TAGS,
    /** Binding keys: too many, too long or too many words. */
    INVALID_BINDING_KEYS,
    /** A subscription of a routing-key topic without any binding key. */
    MISSING_BINDING_KEY,
    /** Routing key missing on a routing-key topic, too long or with too many words. */
    INVALID_ROUTING_KEY,
    /** A send to a FIFO queue without a message group id. */
    MESSAGE_GROUP_REQUIRED,
    /** A send to a FIFO queue without a deduplication id. */
    DEDUP_ID_REQUIRED,
    /** A FIFO-only parameter (group id, dedup id) on a standard queue. */
    NOT_FIFO_QUEUE,
    /**
     * FIFO and standard queues mixed where they must match: a dead-letter queue or a move
     * destination of the other kind, or a queue asked to change its kind.
     */
    QUEUE_KIND_MISMATCH,
    /** A message move task that is not allowed now: the source is no dead-letter queue, one runs already, or it is not running. */
    MOVE_TASK_NOT_ALLOWED,
    /** No message move task has this handle. */
    MOVE_TASK_NOT_FOUND,
    /**
     * The server remembers as many FIFO deduplication ids as it may (node-wide, each for five
     * minutes): the send was not applied; retry later or send more slowly.
     */
    THROTTLED,
    /** The server is shutting down or its storage failed; the request was not applied. */
    UNAVAILABLE,
    /** Anything unexpected. */
    INTERNAL
}
