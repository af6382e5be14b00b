package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsContext;

import java.util.Set;

/**
 * SQS's RedrivePolicy, a JSON document in a string:
 * {@code {"deadLetterTargetArn":"arn:aws:sqs:<region>:<account>:<dlq>","maxReceiveCount":5}}
 * ({@code maxReceiveCount} a number or a numeric string, 1–1000). It is the core's
 * dead-letter policy 0 ("after maxReceiveCount receives"); the core's policy 1 ("not deleted
 * within maxTimeToLive", a CMQ feature) has no SQS spelling and is not shown.
 */
final class RedrivePolicyJson {

    private RedrivePolicyJson() {
    }

    /** The core policy for {@code text}; refuses anything malformed with InvalidParameterValue. */
    static DeadLetterPolicy parse(String text) {
        JsonNode tree = PolicyAttribute.parse("RedrivePolicy", text, Set.of("deadLetterTargetArn", "maxReceiveCount"));
        JsonNode arn = tree.get("deadLetterTargetArn");
        if (arn == null || !arn.isTextual()) {
            throw invalid(text, "Missing deadLetterTargetArn");
        }
        String target = SqsContext.queueNameOfArn(arn.asText());
        if (target == null) {
            throw invalid(text, "Invalid deadLetterTargetArn");
        }
        JsonNode count = tree.get("maxReceiveCount");
        long maxReceiveCount;
        if (count == null) {
            throw invalid(text, "Missing maxReceiveCount");
        } else if (count.isIntegralNumber() && count.canConvertToLong()) {
            maxReceiveCount = count.asLong();
        } else if (count.isTextual() && count.asText().matches("\\d{1,9}")) {
            maxReceiveCount = Long.parseLong(count.asText());
        } else {
            throw invalid(text, "maxReceiveCount must be an integer");
        }
        if (maxReceiveCount < SqsLimits.MIN_MAX_RECEIVE_COUNT || maxReceiveCount > SqsLimits.MAX_MAX_RECEIVE_COUNT) {
            throw invalid(text, "Invalid value for maxReceiveCount: " + maxReceiveCount + ", valid values are from "
                    + SqsLimits.MIN_MAX_RECEIVE_COUNT + " to " + SqsLimits.MAX_MAX_RECEIVE_COUNT + " both inclusive");
        }
        return new DeadLetterPolicy(target, DeadLetterPolicy.MAX_RECEIVE_COUNT, (int) maxReceiveCount, 0);
    }

    /** The JSON text for a policy 0, or null for none (or a policy SQS cannot express). */
    static String format(DeadLetterPolicy policy, SqsContext context) {
        if (policy == null || policy.policy() != DeadLetterPolicy.MAX_RECEIVE_COUNT) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("deadLetterTargetArn", context.queueArn(policy.deadLetterQueue()));
        node.put("maxReceiveCount", policy.maxReceiveCount());
        return node.toString();
    }

    private static RuntimeException invalid(String text, String reason) {
        return PolicyAttribute.invalid("RedrivePolicy", text, reason);
    }
}
