package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListQueues: QueueNamePrefix (case-sensitive), MaxResults (1–1000), NextToken; answers
 * QueueUrls sorted by name and, when MaxResults was given and more queues follow, NextToken.
 * Without MaxResults at most 1,000 URLs are returned and no token, as SQS does; a NextToken
 * without MaxResults continues from the token with such a page.
 *
 * <p>The token is the last name returned (Base64url), so a page never repeats or skips a queue
 * that existed throughout, whatever is created or deleted between calls.
 */
final class ListQueues implements SqsAction {
    private final QueueService service;

    ListQueues(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListQueues";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String prefix = params.string("QueueNamePrefix");
        Integer maxResults = params.optionalInt("MaxResults", 1, SqsLimits.MAX_LIST_RESULTS);
        String token = params.string("NextToken");
        String after = token == null || token.isEmpty() ? null : decode(token);

        List<String> names = new ArrayList<>();
        for (QueueRef ref : service.listQueues(prefix == null || prefix.isEmpty() ? null : prefix, 0,
                service.limits().maxQueues()).queues()) {
            String n = ref.queueName();
            if ((prefix == null || n.startsWith(prefix)) && (after == null || n.compareTo(after) > 0)) {
                names.add(n);
            }
        }
        names.sort(null);
        int limit = maxResults == null ? SqsLimits.DEFAULT_LIST_QUEUES : maxResults;
        ObjectNode result = SqsContext.result();
        ArrayNode urls = result.putArray("QueueUrls");
        for (int i = 0; i < Math.min(limit, names.size()); i++) {
            urls.add(context.queueUrl(names.get(i)));
        }
        if (maxResults != null && names.size() > limit) {
            result.put("NextToken", encode(names.get(limit - 1)));
        }
        return CompletableFuture.completedFuture(result);
    }

    private static String encode(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsErrors.invalidParameterValue("Invalid NextToken.");
        }
    }
}
