package io.opencmq.protocol.sqs.action.move;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletionException;

/**
 * What the move task actions share: queues are named by ARN (matched by queue name, like
 * RedrivePolicy's), and a missing queue is ResourceNotFoundException, the error SQS models for
 * these actions, rather than QueueDoesNotExist.
 */
final class MoveTaskParams {

    private MoveTaskParams() {
    }

    /** The queue named by ARN parameter {@code name}: null when absent or empty and not required. */
    static String queue(SqsParams params, String name, boolean required) {
        String arn = required ? params.requiredString(name) : params.string(name);
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        String queue = SqsContext.queueNameOfArn(arn);
        if (queue == null) {
            throw SqsErrors.invalidParameterValue("Value " + SqsErrors.echo(arn) + " for parameter " + name
                    + " is invalid. Reason: must be an SQS queue ARN, arn:aws:sqs:<region>:<account>:<queue>.");
        }
        return queue;
    }

    /** The failure to answer: a missing queue becomes ResourceNotFoundException, anything else stays. */
    static RuntimeException translate(Throwable failure) {
        Throwable cause = Futures.unwrap(failure);
        if (cause instanceof QueueException e && e.reason() == ErrorReason.QUEUE_NOT_FOUND) {
            return SqsErrors.resourceNotFound("The queue " + SqsErrors.echo(e.detail()) + " does not exist.");
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }
}
