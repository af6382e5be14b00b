package io.opencmq.protocol.cmq.action.queue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.json.CmqJson;

/**
 * The deadLetterPolicy parameter and attribute: CMQ passes it as a JSON document inside a
 * string, {@code {"deadLetterQueue":"q","policy":0,"maxReceiveCount":5,"maxTimeToLive":300}}.
 * Numbers may also come as numeric strings. Only the shape is checked here; the rules
 * (policy 0 or 1, ranges, target queue exists, no nesting) are the core's.
 */
final class DeadLetterPolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DeadLetterPolicyJson() {
    }

    static DeadLetterPolicy parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw CmqErrors.deadLetterPolicyInvalid("deadLetterPolicy is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw CmqErrors.deadLetterPolicyInvalid("deadLetterPolicy must be a JSON object");
        }
        JsonNode queue = root.get("deadLetterQueue");
        if (queue == null || !queue.isTextual() || queue.asText().isEmpty()) {
            throw CmqErrors.deadLetterPolicyInvalid("deadLetterPolicy.deadLetterQueue must be a queue name");
        }
        if (root.get("policy") == null) {
            throw CmqErrors.deadLetterPolicyInvalid("deadLetterPolicy.policy is required (0 or 1)");
        }
        return new DeadLetterPolicy(queue.asText(),
                intField(root, "policy"), intField(root, "maxReceiveCount"), intField(root, "maxTimeToLive"));
    }

    /** The policy as the JSON string GetQueueAttributes and SetQueueAttributes return. */
    static String format(DeadLetterPolicy p) {
        return CmqJson.string(g -> {
            g.writeStringField("deadLetterQueue", p.deadLetterQueue());
            g.writeNumberField("policy", p.policy());
            g.writeNumberField("maxReceiveCount", p.maxReceiveCount());
            g.writeNumberField("maxTimeToLive", p.maxTimeToLive());
        });
    }

    /** An int field; absent or null is 0 ("not used by this policy"). */
    private static int intField(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual()) {
            try {
                return Integer.parseInt(n.asText());
            } catch (NumberFormatException e) {
                // falls through to the refusal below
            }
        }
        throw CmqErrors.deadLetterPolicyInvalid("deadLetterPolicy." + name + " must be an integer");
    }
}
