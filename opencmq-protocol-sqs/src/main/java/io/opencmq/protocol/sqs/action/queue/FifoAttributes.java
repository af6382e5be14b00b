package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.protocol.sqs.SqsErrors;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The queue attributes only FIFO queues have, and where each lives:
 *
 * <table>
 *   <tr><th>SQS</th><th>values</th><th>stored as</th></tr>
 *   <tr><td>FifoQueue</td><td>true / false, on CreateQueue only</td><td>the core's {@link QueueConfig#fifo()} (null = standard)</td></tr>
 *   <tr><td>ContentBasedDeduplication</td><td>true / false (default)</td><td>queue property {@value #CONTENT_BASED_DEDUPLICATION}; this front computes the id</td></tr>
 *   <tr><td>DeduplicationScope</td><td>queue (default) / messageGroup</td><td>{@link FifoPolicy#dedupPerGroup()}</td></tr>
 *   <tr><td>FifoThroughputLimit</td><td>perQueue (default) / perMessageGroupId</td><td>queue property {@value #THROUGHPUT_LIMIT}; no effect (opencmq has no quotas)</td></tr>
 * </table>
 *
 * As in SQS, the last three are unknown attributes (InvalidAttributeName) for a standard queue,
 * are reported only for FIFO queues, and perMessageGroupId is allowed only together with
 * DeduplicationScope messageGroup (checked on the combination in effect after the change).
 */
public final class FifoAttributes {

    static final String FIFO_QUEUE = "FifoQueue";
    static final String CONTENT_BASED = "ContentBasedDeduplication";
    static final String SCOPE = "DeduplicationScope";
    static final String LIMIT = "FifoThroughputLimit";

    /** Queue property (opaque to the core) holding ContentBasedDeduplication, "true" or "false". */
    static final String CONTENT_BASED_DEDUPLICATION = "sqs.ContentBasedDeduplication";
    /** Queue property holding FifoThroughputLimit. */
    static final String THROUGHPUT_LIMIT = "sqs.FifoThroughputLimit";

    private static final String PER_QUEUE = "perQueue";
    private static final String PER_GROUP = "perMessageGroupId";

    /**
     * What a CreateQueue or SetQueueAttributes asks of a FIFO queue.
     *
     * @param policy the core policy to give (always on create of a FIFO queue; on set only when
     *               DeduplicationScope was given), else null
     * @param properties queue properties to store
     */
    record Changes(FifoPolicy policy, Map<String, String> properties) {
        static final Changes NONE = new Changes(null, Map.of());
    }

    private FifoAttributes() {
    }

    /** True if the queue's sends get a SHA-256 of their body as deduplication id when they carry none. */
    public static boolean contentBasedDeduplication(QueueConfig config) {
        return config.isFifo() && "true".equals(config.properties().get(CONTENT_BASED_DEDUPLICATION));
    }

    /** Attributes of CreateQueue: does it ask for a FIFO queue? Absent is false. */
    static boolean fifoQueue(Map<String, String> attributes) {
        String value = attributes.get(FIFO_QUEUE);
        return value != null && bool(FIFO_QUEUE, value);
    }

    /** True for the attribute names this class handles apart from FifoQueue. */
    static boolean isFifoOnly(String name) {
        return name.equals(CONTENT_BASED) || name.equals(SCOPE) || name.equals(LIMIT);
    }

    /** True for the queue properties this class owns (compared by {@link #matches}, with their defaults). */
    static boolean isFifoProperty(String key) {
        return key.equals(CONTENT_BASED_DEDUPLICATION) || key.equals(THROUGHPUT_LIMIT);
    }

    /**
     * The FIFO part of {@code attributes}.
     *
     * @param fifo whether the queue is (create: will be) a FIFO queue
     * @param current the queue's configuration, null on create
     */
    static Changes parse(Map<String, String> attributes, boolean fifo, QueueConfig current) {
        String contentBased = attributes.get(CONTENT_BASED);
        String scope = attributes.get(SCOPE);
        String limit = attributes.get(LIMIT);
        if (!fifo) {
            for (String name : new String[] {CONTENT_BASED, SCOPE, LIMIT}) {
                if (attributes.containsKey(name)) {
                    // SQS's answer for a FIFO attribute on a standard queue.
                    throw SqsErrors.invalidAttributeName(name);
                }
            }
            return Changes.NONE;
        }
        Map<String, String> properties = new HashMap<>();
        if (contentBased != null) {
            properties.put(CONTENT_BASED_DEDUPLICATION, Boolean.toString(bool(CONTENT_BASED, contentBased)));
        }
        Boolean perGroup = null;
        if (scope != null) {
            perGroup = switch (scope) {
                case "queue" -> false;
                case "messageGroup" -> true;
                default -> throw SqsErrors.invalidAttributeValue(SCOPE, "must be queue or messageGroup.");
            };
        }
        if (limit != null) {
            if (!limit.equals(PER_QUEUE) && !limit.equals(PER_GROUP)) {
                throw SqsErrors.invalidAttributeValue(LIMIT, "must be perQueue or perMessageGroupId.");
            }
            properties.put(THROUGHPUT_LIMIT, limit);
        }
        boolean effectivePerGroup = perGroup != null ? perGroup : current != null && current.isFifo() && current.fifo().dedupPerGroup();
        String effectiveLimit = limit != null ? limit : current == null ? PER_QUEUE : throughputLimit(current);
        if (effectiveLimit.equals(PER_GROUP) && !effectivePerGroup) {
            throw SqsErrors.invalidAttributeValue(LIMIT,
                    "perMessageGroupId is allowed only when DeduplicationScope is messageGroup.");
        }
        FifoPolicy policy = current == null ? new FifoPolicy(effectivePerGroup) : perGroup == null ? null : new FifoPolicy(perGroup);
        return new Changes(policy, properties);
    }

    /** The FIFO attributes GetQueueAttributes reports: all four for a FIFO queue, none for a standard one. */
    static Map<String, String> describe(QueueConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config.isFifo()) {
            out.put(FIFO_QUEUE, "true");
            out.put(CONTENT_BASED, Boolean.toString(contentBasedDeduplication(config)));
            out.put(SCOPE, config.fifo().dedupPerGroup() ? "messageGroup" : "queue");
            out.put(LIMIT, throughputLimit(config));
        }
        return out;
    }

    /** True if every FIFO attribute in {@code given} has the value the queue has (CreateQueue's idempotence). */
    static boolean matches(Map<String, String> given, QueueConfig current) {
        if (fifoQueue(given) != current.isFifo()) {
            return false;
        }
        Map<String, String> now = describe(current);
        for (String name : new String[] {CONTENT_BASED, SCOPE, LIMIT}) {
            String value = given.get(name);
            if (value != null) {
                String normalized = name.equals(CONTENT_BASED) ? Boolean.toString(bool(name, value)) : value;
                if (!normalized.equals(now.get(name))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String throughputLimit(QueueConfig config) {
        return config.properties().getOrDefault(THROUGHPUT_LIMIT, PER_QUEUE);
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw SqsErrors.invalidAttributeValue(name, "must be true or false.");
        };
    }
}
