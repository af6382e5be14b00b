package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.protocol.sqs.SqsErrors;

/**
 * Enforces a dead-letter queue's RedriveAllowPolicy when a source queue names it in its
 * RedrivePolicy. The core checks the rest (target exists, no nesting, at most 6 sources).
 */
final class RedriveChecks {

    private RedriveChecks() {
    }

    static void checkAllowed(QueueService service, String sourceQueueName, DeadLetterPolicy policy) {
        if (policy == null) {
            return;
        }
        QueueAttributes target;
        try {
            target = service.getQueueAttributes(policy.deadLetterQueue());
        } catch (QueueException e) {
            if (e.reason() == ErrorReason.QUEUE_NOT_FOUND) {
                throw new QueueException(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND, policy.deadLetterQueue());
            }
            throw e;
        }
        String allow = target.config().properties().get(QueueAttributeCodec.REDRIVE_ALLOW_PROPERTY);
        if (allow != null && !RedriveAllowPolicy.parse(allow).allows(sourceQueueName)) {
            throw SqsErrors.invalidParameterValue("Value for parameter RedrivePolicy is invalid. Reason: the RedriveAllowPolicy of "
                    + target.queue().queueName() + " does not allow " + sourceQueueName + " as a source queue.");
        }
    }
}
