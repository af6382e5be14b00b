package io.opencmq.protocol.sqs.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one SQS request (or of one batch entry) in the JSON protocol's shape,
 * whichever protocol carried them (see {@link QueryTree}). Typed getters refuse bad values
 * with SQS's own errors, naming the parameter.
 *
 * <p>The query protocol sends every value as a string, so its parameters are read leniently
 * ({@code "5"} is a number there). JSON parameters are {@code typed}: as in AWS, a value of the
 * wrong JSON type (a string where the model has an integer, a number where it has a string)
 * is a {@code SerializationException}, whatever the SDK-less client meant.
 */
public final class SqsParams {

    private final ObjectNode tree;
    private final boolean typed;

    /** Untyped parameters, as the query protocol carries them. */
    public SqsParams(ObjectNode tree) {
        this(tree, false);
    }

    /** Parameters whose JSON types must match the SQS model when {@code typed} (the JSON protocol). */
    public SqsParams(ObjectNode tree, boolean typed) {
        this.tree = tree;
        this.typed = typed;
    }

    public static SqsParams empty() {
        return new SqsParams(JsonNodeFactory.instance.objectNode());
    }

    /** AWS's wording for a JSON value of the wrong type, e.g. "STRING_VALUE can not be converted to an Integer". */
    private static SqsException wrongType(JsonNode node, String expected) {
        if (node.isObject()) {
            return SqsErrors.serializationError("Start of structure or map found where not expected.");
        }
        if (node.isArray()) {
            return SqsErrors.serializationError("Start of list found where not expected.");
        }
        return SqsErrors.serializationError(node.getNodeType().name() + "_VALUE can not be converted to " + expected);
    }

    /** True if the parameter is present (even if empty). */
    public boolean has(String name) {
        JsonNode node = tree.get(name);
        return node != null && !node.isNull();
    }

    /** The parameter as text, or null when absent. */
    public String string(String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (typed && !node.isTextual()) {
            throw wrongType(node, "a String");
        }
        if (!node.isValueNode()) {
            throw SqsErrors.invalidParameterValue("Value for parameter " + name + " must be a string.");
        }
        return node.asText();
    }

    /** The parameter as text; absent or empty is {@code MissingParameter}. */
    public String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw SqsErrors.missingParameter(name);
        }
        return value;
    }

    /** An integer in [min, max], or null when absent. */
    public Integer optionalInt(String name, int min, int max) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (typed && !node.isIntegralNumber()) {
            throw wrongType(node, "an Integer");
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().matches("[+-]?\\d{1,18}")) {
            value = Long.parseLong(node.asText());
        } else if (node.isTextual() && node.asText().matches("[+-]?\\d+")) {
            throw SqsErrors.outOfRange(name, node.asText(), min, max);
        } else {
            throw SqsErrors.notAnInteger(name);
        }
        if (value < min || value > max) {
            throw SqsErrors.outOfRange(name, value, min, max);
        }
        return (int) value;
    }

    public int requiredInt(String name, int min, int max) {
        if (!has(name)) {
            throw SqsErrors.missingParameter(name);
        }
        return optionalInt(name, min, max);
    }

    /** A list of strings, empty when absent. */
    public List<String> stringList(String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull() || emptyQueryValue(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw typed ? wrongType(node, "a List") : SqsErrors.invalidParameterValue("Value for parameter " + name + " must be a list.");
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (typed && !element.isTextual()) {
                throw wrongType(element, "a String");
            }
            if (!element.isValueNode()) {
                throw SqsErrors.invalidParameterValue("Elements of parameter " + name + " must be strings.");
            }
            out.add(element.asText());
        }
        return out;
    }

    /** A map of string to string, in request order; empty when absent. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        ObjectNode map = object(name);
        if (map == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (typed && !e.getValue().isTextual()) {
                throw wrongType(e.getValue(), "a String");
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw SqsErrors.invalidParameterValue("Values of parameter " + name + " must be strings.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** A structure or map parameter, or null when absent. */
    public ObjectNode object(String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull() || emptyQueryValue(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw typed ? wrongType(node, "a Map") : SqsErrors.invalidParameterValue("Value for parameter " + name + " must be a structure.");
        }
        return (ObjectNode) node;
    }

    /**
     * The query protocol has no syntax for an empty list or map, and clients write one as the
     * bare member name with an empty value ({@code Entries=}, as botocore does): that is empty,
     * not a malformed value.
     */
    private boolean emptyQueryValue(JsonNode node) {
        return !typed && node.isTextual() && node.asText().isEmpty();
    }

    /** A map of structures (e.g. MessageAttributes), in request order; empty when absent. */
    public Map<String, SqsParams> structMap(String name) {
        Map<String, SqsParams> out = new LinkedHashMap<>();
        ObjectNode map = object(name);
        if (map == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw SqsErrors.invalidParameterValue("Values of parameter " + name + " must be structures.");
            }
            out.put(e.getKey(), new SqsParams((ObjectNode) e.getValue(), typed));
        }
        return out;
    }

    /** A list of structures (batch entries), empty when absent. */
    public List<SqsParams> structList(String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull() || emptyQueryValue(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw typed ? wrongType(node, "a List") : SqsErrors.invalidParameterValue("Value for parameter " + name + " must be a list.");
        }
        List<SqsParams> out = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw SqsErrors.invalidParameterValue("Elements of parameter " + name + " must be structures.");
            }
            out.add(new SqsParams((ObjectNode) element, typed));
        }
        return out;
    }

    @Override
    public String toString() {
        return tree.toString();
    }
}
