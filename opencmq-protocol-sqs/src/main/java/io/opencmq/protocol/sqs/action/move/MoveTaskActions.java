package io.opencmq.protocol.sqs.action.move;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;

import java.util.List;

/**
 * The message move task actions (redrive of a dead-letter queue): StartMessageMoveTask,
 * ListMessageMoveTasks, CancelMessageMoveTask, all backed by one {@link QueueService}. Tasks live
 * in the core's memory only: after a restart the list is empty.
 */
public final class MoveTaskActions {

    private MoveTaskActions() {
    }

    public static List<SqsAction> all(QueueService service) {
        return List.of(
                new StartMessageMoveTask(service),
                new ListMessageMoveTasks(service),
                new CancelMessageMoveTask(service));
    }
}
