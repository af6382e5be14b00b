package io.opencmq.protocol.sqs.action.move;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * CancelMessageMoveTask: TaskHandle; answers ApproximateNumberOfMessagesMoved. Messages already
 * moved stay moved. An unknown handle is ResourceNotFoundException, a task no longer running
 * UnsupportedOperation.
 */
final class CancelMessageMoveTask implements SqsAction {
    private final QueueService service;

    CancelMessageMoveTask(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CancelMessageMoveTask";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String handle = params.requiredString("TaskHandle");
        MessageMoveTask task;
        try {
            task = service.cancelMessageMoveTask(handle);
        } catch (RuntimeException e) {
            throw MoveTaskParams.translate(e);
        }
        ObjectNode result = SqsContext.result();
        result.put("ApproximateNumberOfMessagesMoved", task.moved());
        return CompletableFuture.completedFuture(result);
    }
}
