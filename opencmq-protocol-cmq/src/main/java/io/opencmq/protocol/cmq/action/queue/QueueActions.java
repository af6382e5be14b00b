package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;

import java.util.List;

/** The queue family of CMQ actions, all backed by one {@link QueueService}. */
public final class QueueActions {

    private QueueActions() {
    }

    public static List<CmqAction> all(QueueService service) {
        return List.of(
                new CreateQueue(service),
                new DeleteQueue(service),
                new ListQueue(service),
                new GetQueueAttributes(service),
                new SetQueueAttributes(service),
                new RewindQueue(service),
                new ClearQueue(service),
                new SendMessage(service),
                new BatchSendMessage(service),
                new ReceiveMessage(service),
                new BatchReceiveMessage(service),
                new DeleteMessage(service),
                new ChangeMessageVisibility(service),
                new BatchDeleteMessage(service),
                new ListDeadLetterSourceQueues(service),
                new UnbindDeadLetterQueue(service));
    }
}
