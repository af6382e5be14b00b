package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;

/**
 * SQS's queue name rule, checked before the core's. SQS allows 1–80 alphanumerics, '-' and
 * '_' (plus ".fifo" for FIFO queues); the core is narrower (1–64, a letter first), so a name
 * SQS accepts may still be refused by the core, with InvalidParameterValue naming opencmq's rule.
 */
final class QueueNames {

    private QueueNames() {
    }

    static void check(String name) {
        if (name.endsWith(".fifo")) {
            throw SqsErrors.unsupported("FIFO queues (names ending in .fifo) are not supported yet (need core support).");
        }
        if (!SqsLimits.SQS_QUEUE_NAME.matcher(name).matches()) {
            throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }
}
