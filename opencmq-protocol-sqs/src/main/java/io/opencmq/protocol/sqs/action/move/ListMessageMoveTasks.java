package io.opencmq.protocol.sqs.action.move;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListMessageMoveTasks: SourceArn, MaxResults (1–10, default 1); answers Results, the most
 * recent tasks of that source, newest first (see {@link MoveTaskEntry}). In the query protocol
 * each is a flattened {@code <ListMessageMoveTasksResultEntry>}.
 */
final class ListMessageMoveTasks implements SqsAction {
    private final QueueService service;

    ListMessageMoveTasks(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListMessageMoveTasks";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String source = MoveTaskParams.queue(params, "SourceArn", true);
        Integer max = params.optionalInt("MaxResults", 1, SqsLimits.MAX_MOVE_TASK_RESULTS);
        List<MessageMoveTask> tasks;
        try {
            tasks = service.listMessageMoveTasks(source, max == null ? 1 : max);
        } catch (RuntimeException e) {
            throw MoveTaskParams.translate(e);
        }
        ObjectNode result = SqsContext.result();
        ArrayNode results = result.putArray("Results");
        for (MessageMoveTask task : tasks) {
            results.add(MoveTaskEntry.of(task, context));
        }
        return CompletableFuture.completedFuture(result);
    }
}
