package io.opencmq.protocol.cmq;

import java.util.regex.Pattern;

/**
 * Limits that belong to the CMQ wire protocol rather than to queues and topics: name syntax,
 * batch sizes, per-request wait, list paging, counts of tags and binding keys. Ranges of queue attributes (visibilityTimeout, maxMsgSize,
 * ...) are the core's ({@link io.opencmq.core.limits.QueueLimits}); they are not repeated here.
 */
public final class CmqLimits {

    /**
     * Queue names: 1–64 characters, a letter first, then letters, digits, '-' or '_'. Tencent's
     * documentation allows letters, digits and '-' only; '_' is accepted as well because the
     * core (and the SQS front) allow it, and a superset never breaks a CMQ client.
     */
    public static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    /** CMQ's smallest queue visibilityTimeout (the core allows 0 for SQS). */
    public static final int MIN_VISIBILITY_TIMEOUT = 1;

    /** Entries of msgBody.n, receiptHandle.n, and numOfMsg. */
    public static final int MAX_BATCH_SIZE = 16;

    /** Per-request pollingWaitSeconds of ReceiveMessage and BatchReceiveMessage. */
    public static final int MAX_POLLING_WAIT_SECONDS = 30;

    /** ListQueue / ListDeadLetterSourceQueues page size when limit is absent. */
    public static final int DEFAULT_LIST_LIMIT = 20;

    /** Largest ListQueue page. Tencent does not document one; this keeps one answer bounded. */
    public static final int MAX_LIST_QUEUE_LIMIT = 1000;

    /** Largest ListDeadLetterSourceQueues page, as documented. */
    public static final int MAX_LIST_DEAD_LETTER_SOURCES_LIMIT = 50;

    /** Largest ListTopic page; like ListQueue, Tencent documents none. */
    public static final int MAX_LIST_TOPIC_LIMIT = 1000;

    /** ListSubscriptionByTopic paging, as documented: offset 0–1000, limit 0–100. */
    public static final int MAX_LIST_SUBSCRIPTION_OFFSET = 1000;
    public static final int MAX_LIST_SUBSCRIPTION_LIMIT = 100;

    /**
     * Entries of msgTag.n, filterTag.n and bindingKey.n. Checked here, before the core sees
     * them, because CMQ answers each excess with its own module number; the core checks the
     * tags and keys themselves (length, words).
     */
    public static final int MAX_TAGS = 5;
    public static final int MAX_BINDING_KEYS = 5;

    private CmqLimits() {
    }
}
