package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.protocol.sqs.action.SqsContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SQS's RedriveAllowPolicy of a dead-letter queue: which source queues may name it in their
 * RedrivePolicy. {@code {"redrivePermission":"allowAll"}} (the default),
 * {@code {"redrivePermission":"denyAll"}}, or
 * {@code {"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:…:src", …]}} (1–10 ARNs).
 * The core keeps the text as a queue property; this front enforces it when a RedrivePolicy is
 * set. ARNs are compared by queue name (case-insensitively, as the core names queues), since a
 * self-hosted server has one account and clients may sign for any region.
 *
 * @param text the policy as given, validated
 */
record RedriveAllowPolicy(String text, String permission, List<String> sourceQueueNames) {

    private static final int MAX_SOURCE_ARNS = 10;

    static RedriveAllowPolicy parse(String text) {
        JsonNode tree = PolicyAttribute.parse("RedriveAllowPolicy", text, Set.of("redrivePermission", "sourceQueueArns"));
        JsonNode permission = tree.get("redrivePermission");
        if (permission == null || !permission.isTextual()) {
            throw invalid(text, "Missing redrivePermission");
        }
        String p = permission.asText();
        JsonNode arns = tree.get("sourceQueueArns");
        List<String> names = new ArrayList<>();
        switch (p) {
            case "allowAll", "denyAll" -> {
                if (arns != null) {
                    throw invalid(text, "sourceQueueArns is only allowed with redrivePermission byQueue");
                }
            }
            case "byQueue" -> {
                if (arns == null || !arns.isArray() || arns.isEmpty() || arns.size() > MAX_SOURCE_ARNS) {
                    throw invalid(text, "byQueue needs sourceQueueArns with 1 to " + MAX_SOURCE_ARNS + " ARNs");
                }
                for (JsonNode arn : arns) {
                    String name = arn.isTextual() ? SqsContext.queueNameOfArn(arn.asText()) : null;
                    if (name == null) {
                        throw invalid(text, "Invalid source queue ARN " + arn);
                    }
                    names.add(name);
                }
            }
            default -> throw invalid(text, "redrivePermission must be allowAll, denyAll or byQueue");
        }
        return new RedriveAllowPolicy(text, p, List.copyOf(names));
    }

    /** True if {@code sourceQueueName} may send its dead letters to the queue with this policy. */
    boolean allows(String sourceQueueName) {
        return switch (permission) {
            case "allowAll" -> true;
            case "denyAll" -> false;
            default -> sourceQueueNames.stream().anyMatch(n -> n.equalsIgnoreCase(sourceQueueName));
        };
    }

    private static RuntimeException invalid(String text, String reason) {
        return PolicyAttribute.invalid("RedriveAllowPolicy", text, reason);
    }
}
