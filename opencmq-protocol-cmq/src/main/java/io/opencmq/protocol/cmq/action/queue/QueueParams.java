package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.CmqException;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.request.CmqParams;

/**
 * Parameters shared by the queue actions. Attribute values are only checked to be integers
 * that fit their Java type here; their ranges are the core's to enforce.
 */
final class QueueParams {

    private QueueParams() {
    }

    /** The queueName of an existing queue; any name is looked up as given. */
    static String queueName(CmqParams params) {
        return params.required("queueName");
    }

    /**
     * The queueName for CreateQueue, checked against CMQ's name rule. Only creation checks
     * it: a queue created through another protocol may have a name outside CMQ's rule and must
     * still be reachable.
     */
    static String newQueueName(CmqParams params) {
        String name = params.required("queueName");
        if (!CmqLimits.QUEUE_NAME.matcher(name).matches()) {
            throw new CmqException(CmqErrors.of(ErrorReason.INVALID_QUEUE_NAME,
                    "1-64 characters, starting with a letter, then letters, digits, '-' or '_'"));
        }
        return name;
    }

    /** The optional attributes of CreateQueue and SetQueueAttributes; absent ones are null. */
    static QueueSettings settings(CmqParams params) {
        String policy = params.get("deadLetterPolicy");
        Integer visibility = anyInt(params, "visibilityTimeout");
        // The core allows 0 (SQS does); CMQ's published range starts at 1.
        if (visibility != null && visibility < CmqLimits.MIN_VISIBILITY_TIMEOUT) {
            throw new CmqException(CmqErrors.of(ErrorReason.PARAMETER_OUT_OF_RANGE,
                    "visibilityTimeout must be between " + CmqLimits.MIN_VISIBILITY_TIMEOUT + " and 43200"));
        }
        return new QueueSettings(
                params.optionalLong("maxMsgHeapNum", Long.MIN_VALUE, Long.MAX_VALUE),
                anyInt(params, "pollingWaitSeconds"),
                visibility,
                anyInt(params, "maxMsgSize"),
                anyInt(params, "msgRetentionSeconds"),
                anyInt(params, "rewindSeconds"),
                policy == null ? null : DeadLetterPolicyJson.parse(policy));
    }

    private static Integer anyInt(CmqParams params, String name) {
        return params.optionalInt(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Paging of the list actions: offset ≥ 0, limit 0..maxLimit (default 20). */
    static int offset(CmqParams params) {
        return params.optionalInt("offset", 0, Integer.MAX_VALUE, 0);
    }

    static int limit(CmqParams params, int maxLimit) {
        return params.optionalInt("limit", 0, maxLimit, CmqLimits.DEFAULT_LIST_LIMIT);
    }
}
