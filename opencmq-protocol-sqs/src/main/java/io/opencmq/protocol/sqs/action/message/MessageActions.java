package io.opencmq.protocol.sqs.action.message;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;

import java.util.List;

/** The message family of SQS actions, all backed by one {@link QueueService}. */
public final class MessageActions {

    private MessageActions() {
    }

    public static List<SqsAction> all(QueueService service) {
        return List.of(
                new SendMessage(service),
                new SendMessageBatch(service),
                new ReceiveMessage(service),
                new DeleteMessage(service),
                new DeleteMessageBatch(service),
                new ChangeMessageVisibility(service),
                new ChangeMessageVisibilityBatch(service));
    }
}
