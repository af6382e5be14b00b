package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.sqs.action.SqsAction;

import java.util.List;

/** The queue family of SQS actions, all backed by one {@link QueueService}. */
public final class QueueActions {

    private QueueActions() {
    }

    public static List<SqsAction> all(QueueService service) {
        return List.of(
                new CreateQueue(service),
                new GetQueueUrl(service),
                new ListQueues(service),
                new DeleteQueue(service),
                new PurgeQueue(service),
                new GetQueueAttributes(service),
                new SetQueueAttributes(service),
                new ListDeadLetterSourceQueues(service),
                new TagQueue(service),
                new UntagQueue(service),
                new ListQueueTags(service));
    }
}
