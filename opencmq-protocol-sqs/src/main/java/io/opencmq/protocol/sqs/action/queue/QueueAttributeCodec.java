package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SQS queue attributes ↔ the core's queue configuration. The correspondence:
 *
 * <table>
 *   <tr><th>SQS</th><th>core</th></tr>
 *   <tr><td>VisibilityTimeout</td><td>visibilityTimeout</td></tr>
 *   <tr><td>MaximumMessageSize</td><td>maxMsgSize</td></tr>
 *   <tr><td>MessageRetentionPeriod</td><td>msgRetentionSeconds</td></tr>
 *   <tr><td>ReceiveMessageWaitTimeSeconds</td><td>pollingWaitSeconds</td></tr>
 *   <tr><td>DelaySeconds</td><td>delaySeconds</td></tr>
 *   <tr><td>RedrivePolicy</td><td>deadLetterPolicy, policy 0</td></tr>
 *   <tr><td>RedriveAllowPolicy</td><td>the queue property {@value #REDRIVE_ALLOW_PROPERTY} (checked by this front)</td></tr>
 *   <tr><td>ApproximateNumberOfMessages / …NotVisible / …Delayed</td><td>activeMsgNum / inactiveMsgNum / delayMsgNum</td></tr>
 *   <tr><td>CreatedTimestamp / LastModifiedTimestamp</td><td>createTime / lastModifyTime, in seconds</td></tr>
 *   <tr><td>FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit</td><td>see {@link FifoAttributes}</td></tr>
 * </table>
 *
 * Attributes SQS knows but opencmq does not offer yet are refused when set (with a non-default
 * value) and left out when read, as SQS leaves out attributes that are not set. Policy and
 * KmsMasterKeyId given as "" ask for no policy and no key, which is what a queue has: no-ops.
 */
final class QueueAttributeCodec {

    /** Every attribute name GetQueueAttributes accepts (besides "All"). */
    static final Set<String> KNOWN = Set.of("Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
            "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
            "SqsManagedSseEnabled");

    /** The queue property (owned by the SQS front, opaque to the core) that holds RedriveAllowPolicy. */
    static final String REDRIVE_ALLOW_PROPERTY = "sqs.RedriveAllowPolicy";

    /** Known attributes opencmq cannot store yet: what each needs. */
    private static final Map<String, String> NOT_YET = Map.of(
            "Policy", "access policies (opencmq has one key pair and no IAM)",
            "KmsMasterKeyId", "KMS server-side encryption",
            "KmsDataKeyReusePeriodSeconds", "KMS server-side encryption");

    private QueueAttributeCodec() {
    }

    /**
     * What a CreateQueue or SetQueueAttributes asks of the core.
     *
     * @param settings the configuration changes (null fields: unchanged)
     * @param clearRedrivePolicy true when RedrivePolicy was given as "" (remove the policy)
     */
    record Changes(QueueSettings settings, boolean clearRedrivePolicy) {
        boolean changesSettings() {
            QueueSettings s = settings;
            return s.pollingWaitSeconds() != null || s.visibilityTimeout() != null || s.maxMsgSize() != null
                    || s.msgRetentionSeconds() != null || s.deadLetterPolicy() != null || s.delaySeconds() != null
                    || !s.properties().isEmpty() || s.fifo() != null;
        }
    }

    /**
     * The changes {@code attributes} ask for, every value checked.
     *
     * @param current the queue's configuration for SetQueueAttributes, null for CreateQueue
     *                (whose FifoQueue attribute then says which kind of queue it makes)
     */
    static Changes toChanges(Map<String, String> attributes, QueueConfig current) {
        boolean create = current == null;
        boolean fifo = create ? FifoAttributes.fifoQueue(attributes) : current.isFifo();
        FifoAttributes.Changes fifoChanges = FifoAttributes.parse(attributes, fifo, current);
        Integer visibility = null;
        Integer maxSize = null;
        Integer retention = null;
        Integer wait = null;
        Integer delay = null;
        Map<String, String> properties = new HashMap<>(fifoChanges.properties());
        DeadLetterPolicy redrive = null;
        boolean clear = false;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            switch (name) {
                case "VisibilityTimeout" -> visibility = intValue(name, value, 0, SqsLimits.MAX_VISIBILITY_TIMEOUT);
                case "MaximumMessageSize" -> maxSize = intValue(name, value, SqsLimits.MIN_MAX_MESSAGE_SIZE, SqsLimits.MAX_MAX_MESSAGE_SIZE);
                case "MessageRetentionPeriod" -> retention = intValue(name, value, SqsLimits.MIN_RETENTION_SECONDS, SqsLimits.MAX_RETENTION_SECONDS);
                case "ReceiveMessageWaitTimeSeconds" -> wait = intValue(name, value, 0, SqsLimits.MAX_WAIT_SECONDS);
                case "DelaySeconds" -> delay = intValue(name, value, 0, SqsLimits.MAX_DELAY_SECONDS);
                case "RedriveAllowPolicy" -> properties.put(REDRIVE_ALLOW_PROPERTY,
                        value.isEmpty() ? null : RedriveAllowPolicy.parse(value).text());
                case "RedrivePolicy" -> {
                    if (value.isEmpty()) {
                        clear = true;
                    } else {
                        redrive = RedrivePolicyJson.parse(value);
                    }
                }
                case "SqsManagedSseEnabled" -> {
                    if (value.equalsIgnoreCase("true")) {
                        throw SqsErrors.unsupported("Queue attribute SqsManagedSseEnabled=true is not supported: opencmq does not encrypt messages at rest.");
                    }
                    if (!value.equalsIgnoreCase("false")) {
                        throw SqsErrors.invalidAttributeValue(name, "must be true or false.");
                    }
                }
                // There is no policy and no key: asking for none of either changes nothing.
                case "Policy", "KmsMasterKeyId" -> {
                    if (!value.isEmpty()) {
                        throw SqsErrors.unsupported("Queue attribute " + name + " is not supported yet: " + NOT_YET.get(name) + ".");
                    }
                }
                case "FifoQueue" -> {
                    // The kind of a queue is fixed when it is created (value checked above).
                    if (!create) {
                        throw SqsErrors.invalidAttributeName(name);
                    }
                }
                default -> {
                    if (FifoAttributes.isFifoOnly(name)) {
                        continue; // parsed above
                    }
                    String missing = NOT_YET.get(name);
                    if (missing != null) {
                        throw SqsErrors.unsupported("Queue attribute " + name + " is not supported yet: " + missing + ".");
                    }
                    throw SqsErrors.invalidAttributeName(name);
                }
            }
        }
        return new Changes(new QueueSettings(null, wait, visibility, maxSize, retention, null, redrive, delay, properties,
                fifoChanges.policy()), clear);
    }

    /** The attributes named in {@code requested} ("All" = every one opencmq has), in a stable order. */
    static Map<String, String> read(QueueAttributes a, Collection<String> requested, SqsContext context) {
        boolean all = requested.contains("All");
        for (String name : requested) {
            if (!name.equals("All") && !KNOWN.contains(name)) {
                throw SqsErrors.invalidAttributeName(name);
            }
        }
        Map<String, String> available = available(a, context);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : available.entrySet()) {
            if (all || requested.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** True if every attribute in {@code given} has the value the queue has now (CreateQueue's idempotence). */
    static boolean matches(Map<String, String> given, QueueAttributes current, SqsContext context) {
        Changes wanted = toChanges(given, null);
        QueueConfig c = current.config();
        if (!FifoAttributes.matches(given, c)) {
            return false;
        }
        QueueSettings s = wanted.settings();
        if (s.visibilityTimeout() != null && s.visibilityTimeout() != c.visibilityTimeout()) {
            return false;
        }
        if (s.maxMsgSize() != null && s.maxMsgSize() != c.maxMsgSize()) {
            return false;
        }
        if (s.msgRetentionSeconds() != null && s.msgRetentionSeconds() != c.msgRetentionSeconds()) {
            return false;
        }
        if (s.pollingWaitSeconds() != null && s.pollingWaitSeconds() != c.pollingWaitSeconds()) {
            return false;
        }
        if (s.delaySeconds() != null && s.delaySeconds() != c.delaySeconds()) {
            return false;
        }
        if (s.deadLetterPolicy() != null && !samePolicy(s.deadLetterPolicy(), c.deadLetterPolicy())) {
            return false;
        }
        for (Map.Entry<String, String> p : s.properties().entrySet()) {
            if (!FifoAttributes.isFifoProperty(p.getKey()) && !Objects.equals(p.getValue(), c.properties().get(p.getKey()))) {
                return false;
            }
        }
        return !wanted.clearRedrivePolicy() || c.deadLetterPolicy() == null;
    }

    private static boolean samePolicy(DeadLetterPolicy wanted, DeadLetterPolicy current) {
        return current != null && current.policy() == wanted.policy()
                && current.deadLetterQueue().equalsIgnoreCase(wanted.deadLetterQueue())
                && current.maxReceiveCount() == wanted.maxReceiveCount();
    }

    private static Map<String, String> available(QueueAttributes a, SqsContext context) {
        QueueConfig c = a.config();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("QueueArn", context.queueArn(a.queue().queueName()));
        out.put("ApproximateNumberOfMessages", Long.toString(a.activeMsgNum()));
        out.put("ApproximateNumberOfMessagesNotVisible", Long.toString(a.inactiveMsgNum()));
        out.put("ApproximateNumberOfMessagesDelayed", Long.toString(a.delayMsgNum()));
        out.put("CreatedTimestamp", Long.toString(a.createTimeMillis() / 1000));
        out.put("LastModifiedTimestamp", Long.toString(a.lastModifyTimeMillis() / 1000));
        out.put("VisibilityTimeout", Integer.toString(c.visibilityTimeout()));
        out.put("MaximumMessageSize", Integer.toString(c.maxMsgSize()));
        out.put("MessageRetentionPeriod", Integer.toString(c.msgRetentionSeconds()));
        out.put("DelaySeconds", Integer.toString(c.delaySeconds()));
        out.put("ReceiveMessageWaitTimeSeconds", Integer.toString(c.pollingWaitSeconds()));
        String redrive = RedrivePolicyJson.format(c.deadLetterPolicy(), context);
        if (redrive != null) {
            out.put("RedrivePolicy", redrive);
        }
        String allow = c.properties().get(REDRIVE_ALLOW_PROPERTY);
        if (allow != null) {
            out.put("RedriveAllowPolicy", allow);
        }
        out.put("SqsManagedSseEnabled", "false");
        out.putAll(FifoAttributes.describe(c));
        return out;
    }

    private static int intValue(String name, String value, int min, int max) {
        if (!value.matches("\\d{1,9}")) {
            throw SqsErrors.invalidAttributeValue(name, "must be an integer from " + min + " to " + max + ".");
        }
        int v = Integer.parseInt(value);
        if (v < min || v > max) {
            throw SqsErrors.invalidAttributeValue(name, "must be an integer from " + min + " to " + max + ".");
        }
        return v;
    }
}
