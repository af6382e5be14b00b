package io.opencmq.protocol.sqs.action.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.protocol.sqs.SqsErrors;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A queue attribute whose value is a JSON policy document (RedrivePolicy, RedriveAllowPolicy):
 * parses it as an object with only the allowed fields, and words refusals the way SQS does
 * ({@code Value … for parameter X is invalid. Reason: …}).
 */
final class PolicyAttribute {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ECHO = 200;

    private final String attribute;
    private final String text;

    private PolicyAttribute(String attribute, String text) {
        this.attribute = attribute;
        this.text = text;
    }

    /** The document as a JSON object with no field outside {@code allowed}. */
    static JsonNode parse(String attribute, String text, Set<String> allowed) {
        PolicyAttribute policy = new PolicyAttribute(attribute, text);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw policy.invalid("Invalid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw policy.invalid("Must be a JSON object");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw policy.invalid("Unknown field " + name);
            }
        }
        return tree;
    }

    /** The refusal of {@code text} as the value of {@code attribute}, for {@code reason}. */
    static RuntimeException invalid(String attribute, String text, String reason) {
        return new PolicyAttribute(attribute, text).invalid(reason);
    }

    private RuntimeException invalid(String reason) {
        String shown = text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
        return SqsErrors.invalidParameterValue("Value " + shown + " for parameter " + attribute
                + " is invalid. Reason: " + reason + ".");
    }
}
