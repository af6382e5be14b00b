package io.opencmq.protocol.sqs.action.move;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * StartMessageMoveTask: SourceArn (a dead-letter queue of some queue), DestinationArn (absent or
 * empty: each message goes back to the queue it came from), MaxNumberOfMessagesPerSecond
 * (1–500; absent: as fast as the server can); answers TaskHandle. Only messages in the source
 * when the task starts are moved; one task per source runs at a time (else
 * UnsupportedOperation).
 */
final class StartMessageMoveTask implements SqsAction {
    private final QueueService service;

    StartMessageMoveTask(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "StartMessageMoveTask";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String source = MoveTaskParams.queue(params, "SourceArn", true);
        String destination = MoveTaskParams.queue(params, "DestinationArn", false);
        Integer rate = params.optionalInt("MaxNumberOfMessagesPerSecond", 1, SqsLimits.MAX_MOVE_MESSAGES_PER_SECOND);
        return Futures.call(() -> service.startMessageMoveTask(source, destination, rate)).handle((task, failure) -> {
            if (failure != null) {
                throw MoveTaskParams.translate(failure);
            }
            ObjectNode result = SqsContext.result();
            result.put("TaskHandle", task.handle());
            return result;
        });
    }
}
