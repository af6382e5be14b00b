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
            return SqsErrors.resourceNotFound(notFoundMessage(e.detail()));
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    /**
     * The message for a missing queue. The core's detail is usually a phrase that already says
     * which queue is missing ("queue orders does not exist"), shown as a sentence of its own; a
     * bare queue name is put into one; without either, the generic wording.
     */
    static String notFoundMessage(String detail) {
        if (detail == null || detail.isBlank()) {
            return "The specified queue does not exist.";
        }
        String text = SqsErrors.echo(detail.strip());
        if (text.chars().noneMatch(Character::isWhitespace)) {
            return "The queue " + text + " does not exist.";
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
