package io.opencmq.protocol.sqs;

import java.util.regex.Pattern;

/**
 * Limits that belong to the SQS API rather than to queues: batch sizes, per-request ranges,
 * attribute counts, list paging. Where SQS's range is narrower than the core's (retention,
 * wait time, delay) the SQS range is enforced here for SQS requests; queues configured through
 * the CMQ API may still carry wider values, which are reported as they are.
 */
public final class SqsLimits {

    /** SQS queue names: 1–80 of alphanumerics, '-' and '_'; a FIFO queue's ends in {@value #FIFO_SUFFIX}, counted in the 80. */
    public static final Pattern SQS_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    public static final int MAX_QUEUE_NAME_LENGTH = 80;
    public static final String FIFO_SUFFIX = ".fifo";

    /**
     * MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: 1–128 of ASCII letters,
     * digits and punctuation ({@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}), as SQS allows.
     */
    public static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
    public static final int MAX_FIFO_ID_LENGTH = 128;

    /** Entries of SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch. */
    public static final int MAX_BATCH_ENTRIES = 10;

    /** The bodies and attributes of a SendMessageBatch together (1 MiB, as SQS). */
    public static final int MAX_BATCH_BYTES = 1_048_576;

    /** Batch entry ids: alphanumerics, '-' and '_', 1–80 characters. */
    public static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** ReceiveMessage MaxNumberOfMessages. */
    public static final int MAX_RECEIVE_MESSAGES = 10;

    /** ReceiveMessage WaitTimeSeconds and the queue's ReceiveMessageWaitTimeSeconds. */
    public static final int MAX_WAIT_SECONDS = 20;

    /** VisibilityTimeout of ChangeMessageVisibility and ReceiveMessage: 0 to 12 hours. */
    public static final int MAX_VISIBILITY_TIMEOUT = 43_200;

    /** DelaySeconds of SendMessage: 0 to 15 minutes. */
    public static final int MAX_DELAY_SECONDS = 900;

    /** MessageRetentionPeriod: 60 s to 14 days (the core accepts up to 15 days, SQS does not). */
    public static final int MIN_RETENTION_SECONDS = 60;
    public static final int MAX_RETENTION_SECONDS = 1_209_600;

    /** MaximumMessageSize: 1 KiB to 1 MiB, as SQS since 2025 and as the core. */
    public static final int MIN_MAX_MESSAGE_SIZE = 1_024;
    public static final int MAX_MAX_MESSAGE_SIZE = 1_048_576;
    /**
     * MaximumMessageSize of a queue created through SQS without one: SQS's current default
     * (1 MiB since 2025), not CMQ's 64 KiB, so that SQS code sending large messages works unchanged.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_048_576;

    /** RedrivePolicy maxReceiveCount. */
    public static final int MIN_MAX_RECEIVE_COUNT = 1;
    public static final int MAX_MAX_RECEIVE_COUNT = 1_000;

    /** Message attributes per message. */
    public static final int MAX_MESSAGE_ATTRIBUTES = 10;

    /** Length of a message attribute name and of its data type. */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 256;
    public static final int MAX_ATTRIBUTE_TYPE_LENGTH = 256;

    /** StartMessageMoveTask MaxNumberOfMessagesPerSecond. */
    public static final int MAX_MOVE_MESSAGES_PER_SECOND = 500;

    /** ListMessageMoveTasks MaxResults (default 1). */
    public static final int MAX_MOVE_TASK_RESULTS = 10;

    /** ListQueues / ListDeadLetterSourceQueues MaxResults. */
    public static final int MAX_LIST_RESULTS = 1_000;

    /** ListQueues answers at most this many URLs when MaxResults is absent, as SQS does. */
    public static final int DEFAULT_LIST_QUEUES = 1_000;

    private SqsLimits() {
    }
}
