package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;

/**
 * SQS's queue name rule, checked before the core's, with SQS's wording: 1–80 alphanumerics,
 * '-' and '_'; a FIFO queue's name ends in ".fifo" (within the 80) and only a FIFO queue's may.
 * The core accepts the same names but keeps those starting with "__" for itself (hidden
 * queues), a deliberate difference from SQS.
 */
final class QueueNames {

    private QueueNames() {
    }

    static void check(String name, boolean fifo) {
        if (fifo) {
            String base = name.endsWith(SqsLimits.FIFO_SUFFIX)
                    ? name.substring(0, name.length() - SqsLimits.FIFO_SUFFIX.length()) : null;
            if (base == null || name.length() > SqsLimits.MAX_QUEUE_NAME_LENGTH || !SqsLimits.SQS_QUEUE_NAME.matcher(base).matches()) {
                throw SqsErrors.invalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, "
                        + "or underscores, must end with .fifo suffix and be 1 to 80 in length.");
            }
        } else if (!SqsLimits.SQS_QUEUE_NAME.matcher(name).matches()) {
            throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
                    + (name.endsWith(SqsLimits.FIFO_SUFFIX) ? " (a name ending in .fifo needs the attribute FifoQueue=true)." : "."));
        }
        if (name.startsWith("__")) {
            throw SqsErrors.invalidParameterValue("Queue names starting with \"__\" are reserved by opencmq for its own queues.");
        }
    }
}
