package io.opencmq.protocol.sqs.request;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsErrors;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the flat parameters of the query protocol into the tree the JSON protocol sends, so
 * that every action reads one shape. SQS's query serialization flattens lists and maps with
 * 1-based indexes:
 *
 * <pre>
 * AttributeName.1=All                              → "AttributeNames": ["All"]
 * Attribute.1.Name=VisibilityTimeout
 * Attribute.1.Value=40                             → "Attributes": {"VisibilityTimeout": "40"}
 * MessageAttribute.1.Name=k
 * MessageAttribute.1.Value.DataType=String
 * MessageAttribute.1.Value.StringValue=v           → "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}
 * SendMessageBatchRequestEntry.2.Id=b              → "Entries": [ {...}, {"Id": "b"} ]
 * </pre>
 *
 * The renames come from the SQS API model (a list member's {@code locationName} versus its JSON
 * member name). Values stay strings; actions read numbers from strings and JSON numbers alike.
 * Indexes must be positive; elements are taken in index order.
 */
final class QueryTree {

    /** Flattened list members: query name → JSON member name. */
    private static final Map<String, String> LISTS = Map.ofEntries(
            Map.entry("AttributeName", "AttributeNames"),
            Map.entry("MessageAttributeName", "MessageAttributeNames"),
            Map.entry("MessageSystemAttributeName", "MessageSystemAttributeNames"),
            Map.entry("SendMessageBatchRequestEntry", "Entries"),
            Map.entry("DeleteMessageBatchRequestEntry", "Entries"),
            Map.entry("ChangeMessageVisibilityBatchRequestEntry", "Entries"),
            Map.entry("TagKey", "TagKeys"),
            Map.entry("AWSAccountId", "AWSAccountIds"),
            Map.entry("ActionName", "Actions"),
            Map.entry("StringListValue", "StringListValues"),
            Map.entry("BinaryListValue", "BinaryListValues"));

    /**
     * Flattened map members: query name → (JSON member name, key element, value element). The
     * SQS model names the tag map {@code Tag.N} on CreateQueue but {@code Tags.N} on TagQueue,
     * and SDKs send exactly that, so both spellings are read. A tag value may be empty, and a
     * client may then leave out {@code Tag.N.Value}: that is the empty value.
     */
    private static final Map<String, MapShape> MAPS = Map.of(
            "Attribute", new MapShape("Attributes", "Name", "Value", false),
            "MessageAttribute", new MapShape("MessageAttributes", "Name", "Value", false),
            "MessageSystemAttribute", new MapShape("MessageSystemAttributes", "Name", "Value", false),
            "Tag", new MapShape("Tags", "Key", "Value", true),
            "Tags", new MapShape("Tags", "Key", "Value", true));

    /** @param valueOptional true if an entry without its value element has the empty value */
    private record MapShape(String jsonName, String keyName, String valueName, boolean valueOptional) {
    }

    private QueryTree() {
    }

    /** The JSON-shaped tree of {@code params} (names as sent, values decoded). */
    static ObjectNode of(Map<String, String> params) {
        Node root = new Node();
        for (Map.Entry<String, String> p : params.entrySet()) {
            root.put(p.getKey().split("\\.", -1), 0, p.getValue(), p.getKey());
        }
        return toObject(root);
    }

    /** A parameter name segment: a leaf value or named / indexed children. */
    private static final class Node {
        String value;
        final TreeMap<String, Node> named = new TreeMap<>();
        final TreeMap<Integer, Node> indexed = new TreeMap<>();

        void put(String[] path, int at, String leaf, String fullName) {
            if (at == path.length) {
                if (value != null || !named.isEmpty() || !indexed.isEmpty()) {
                    throw conflict(fullName);
                }
                value = leaf;
                return;
            }
            if (value != null) {
                throw conflict(fullName);
            }
            String segment = path[at];
            if (segment.isEmpty()) {
                throw SqsErrors.malformedRequest("malformed parameter name " + fullName);
            }
            Node child;
            if (isIndex(segment)) {
                if (!named.isEmpty()) {
                    throw conflict(fullName);
                }
                int index;
                try {
                    index = Integer.parseInt(segment);
                } catch (NumberFormatException e) {
                    throw SqsErrors.malformedRequest("index out of range in parameter " + fullName);
                }
                if (index < 1) {
                    throw SqsErrors.malformedRequest("indexes start at 1: parameter " + fullName);
                }
                child = indexed.computeIfAbsent(index, i -> new Node());
            } else {
                if (!indexed.isEmpty()) {
                    throw conflict(fullName);
                }
                child = named.computeIfAbsent(segment, s -> new Node());
            }
            child.put(path, at + 1, leaf, fullName);
        }

        private static boolean isIndex(String segment) {
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private static RuntimeException conflict(String fullName) {
            return SqsErrors.malformedRequest("parameter " + fullName + " conflicts with another parameter");
        }
    }

    private static ObjectNode toObject(Node node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Node> e : node.named.entrySet()) {
            String name = e.getKey();
            Node child = e.getValue();
            if (child.value != null) {
                out.put(name, child.value);
            } else if (!child.indexed.isEmpty()) {
                MapShape map = MAPS.get(name);
                if (map != null) {
                    out.set(map.jsonName(), toMap(child, map, name));
                } else {
                    out.set(LISTS.getOrDefault(name, name), toList(child));
                }
            } else {
                out.set(name, toObject(child));
            }
        }
        return out;
    }

    private static ArrayNode toList(Node node) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Node element : node.indexed.values()) {
            if (element.value != null) {
                list.add(element.value);
            } else {
                list.add(toObject(element));
            }
        }
        return list;
    }

    private static ObjectNode toMap(Node node, MapShape shape, String queryName) {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<Integer, Node> e : node.indexed.entrySet()) {
            Node entry = e.getValue();
            String where = queryName + "." + e.getKey();
            Node key = entry.named.get(shape.keyName());
            if (key == null || key.value == null) {
                throw SqsErrors.missingParameter(where + "." + shape.keyName());
            }
            Node value = entry.named.get(shape.valueName());
            if (value == null && !shape.valueOptional()) {
                throw SqsErrors.missingParameter(where + "." + shape.valueName());
            }
            if (map.has(key.value)) {
                throw SqsErrors.invalidParameterValue("Duplicate key " + key.value + " in " + queryName);
            }
            if (value == null) {
                map.put(key.value, "");
            } else if (value.value != null) {
                map.put(key.value, value.value);
            } else {
                map.set(key.value, toObject(value));
            }
        }
        return map;
    }
}
