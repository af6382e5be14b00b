package io.opencmq.protocol.sqs.action.move;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.protocol.sqs.action.SqsContext;

/**
 * One task as ListMessageMoveTasks describes it (SQS's ListMessageMoveTasksResultEntry):
 * TaskHandle (only while RUNNING, as in SQS: it serves only to cancel), Status, SourceArn,
 * DestinationArn and MaxNumberOfMessagesPerSecond (when they were given),
 * ApproximateNumberOfMessagesMoved, ApproximateNumberOfMessagesToMove, FailureReason (FAILED
 * only), StartedTimestamp (Unix milliseconds).
 */
final class MoveTaskEntry {

    private MoveTaskEntry() {
    }

    static ObjectNode of(MessageMoveTask task, SqsContext context) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (task.status() == MessageMoveTask.Status.RUNNING) {
            out.put("TaskHandle", task.handle());
        }
        out.put("Status", task.status().name());
        out.put("SourceArn", context.queueArn(task.sourceQueue()));
        if (task.destinationQueue() != null) {
            out.put("DestinationArn", context.queueArn(task.destinationQueue()));
        }
        if (task.maxPerSecond() != null) {
            out.put("MaxNumberOfMessagesPerSecond", task.maxPerSecond());
        }
        out.put("ApproximateNumberOfMessagesMoved", task.moved());
        out.put("ApproximateNumberOfMessagesToMove", task.toMove());
        if (task.status() == MessageMoveTask.Status.FAILED && task.failureReason() != null) {
            out.put("FailureReason", task.failureReason());
        }
        out.put("StartedTimestamp", task.startedAt());
        return out;
    }
}
