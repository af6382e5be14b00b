package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * ListDeadLetterSourceQueues: QueueUrl (the dead-letter queue), MaxResults (1–1000),
 * NextToken; answers queueUrls (lower-case q, as SQS spells it) of the queues whose
 * RedrivePolicy names it, and NextToken when MaxResults was given and more follow. The token
 * is the offset of the next page; a NextToken without MaxResults continues from there with a
 * page of up to 1,000, as a first call without MaxResults gets.
 */
final class ListDeadLetterSourceQueues implements SqsAction {
    private final QueueService service;

    ListDeadLetterSourceQueues(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListDeadLetterSourceQueues";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        Integer maxResults = params.optionalInt("MaxResults", 1, SqsLimits.MAX_LIST_RESULTS);
        String token = params.string("NextToken");
        int offset = 0;
        if (token != null && !token.isEmpty()) {
            if (!token.matches("\\d{1,6}")) {
                throw SqsErrors.invalidParameterValue("Invalid NextToken.");
            }
            offset = Integer.parseInt(token);
        }
        int limit = maxResults == null ? SqsLimits.MAX_LIST_RESULTS : maxResults;
        QueuePage page = service.listDeadLetterSourceQueues(name, null, offset, limit);
        ObjectNode result = SqsContext.result();
        ArrayNode urls = result.putArray("queueUrls");
        for (QueueRef ref : page.queues()) {
            urls.add(context.queueUrl(ref.queueName()));
        }
        if (maxResults != null && offset + page.queues().size() < page.totalCount()) {
            result.put("NextToken", Integer.toString(offset + page.queues().size()));
        }
        return CompletableFuture.completedFuture(result);
    }
}
