package io.opencmq.protocol.sqs.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsError;
import io.opencmq.protocol.sqs.SqsHttpResponse;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The XML answers of SQS's query protocol. Actions describe their results once, in the JSON
 * protocol's shape; this class renders that tree the way the query protocol's model says:
 *
 * <pre>
 * {"QueueUrls": ["a", "b"]}            → &lt;QueueUrl&gt;a&lt;/QueueUrl&gt;&lt;QueueUrl&gt;b&lt;/QueueUrl&gt;   (flattened lists, renamed)
 * {"Attributes": {"k": "v"}}           → &lt;Attribute&gt;&lt;Name&gt;k&lt;/Name&gt;&lt;Value&gt;v&lt;/Value&gt;&lt;/Attribute&gt;   (flattened maps)
 * {"Successful": [{"Id": "1"}]}        → &lt;SendMessageBatchResultEntry&gt;&lt;Id&gt;1&lt;/Id&gt;&lt;/SendMessageBatchResultEntry&gt;
 * </pre>
 *
 * wrapped in {@code <XResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><XResult>…</XResult>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></XResponse>} (no
 * {@code XResult} for actions without one). Errors are {@code <ErrorResponse>} with Type, Code,
 * Message and the RequestId.
 *
 * <p>Text is escaped for XML 1.0; a carriage return is written as {@code &#xD;} so that parsers
 * do not turn it into a line feed. Characters XML 1.0 cannot carry at all (most C0 controls,
 * which SQS refuses on send but a CMQ client may have sent) are replaced by U+FFFD.
 * Stateless and thread-safe.
 */
public final class QueryXml {

    public static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    public static final String CONTENT_TYPE = "text/xml";

    /** Flattened list members: JSON member name → element name (batch results depend on the action). */
    private static final Map<String, String> LIST_ELEMENTS = Map.of(
            "QueueUrls", "QueueUrl",
            "queueUrls", "QueueUrl",
            "Messages", "Message",
            "Failed", "BatchResultErrorEntry",
            "Results", "ListMessageMoveTasksResultEntry",
            "StringListValues", "StringListValue",
            "BinaryListValues", "BinaryListValue");

    /** Flattened map members: JSON member name → (entry element, key element, value element). */
    private static final Map<String, String[]> MAP_ELEMENTS = Map.of(
            "Attributes", new String[] {"Attribute", "Name", "Value"},
            "MessageAttributes", new String[] {"MessageAttribute", "Name", "Value"},
            "Tags", new String[] {"Tag", "Key", "Value"});

    private QueryXml() {
    }

    public static SqsHttpResponse result(String action, ObjectNode result, String requestId) {
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\"?><").append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        if (result != null) {
            xml.append('<').append(action).append("Result>");
            writeFields(xml, action, result);
            xml.append("</").append(action).append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return response(200, xml, requestId);
    }

    public static SqsHttpResponse error(SqsError error, String requestId) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"").append(NAMESPACE).append("\"><Error><Type>")
                .append(error.faultType()).append("</Type><Code>");
        escape(xml, error.queryCode());
        xml.append("</Code><Message>");
        escape(xml, error.message());
        xml.append("</Message><Detail/></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
        return response(error.httpStatus(), xml, requestId);
    }

    private static SqsHttpResponse response(int status, StringBuilder xml, String requestId) {
        return new SqsHttpResponse(status, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeFields(StringBuilder xml, String action, ObjectNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                String element = name.equals("Successful") ? action + "ResultEntry" : LIST_ELEMENTS.getOrDefault(name, name);
                for (JsonNode item : value) {
                    writeElement(xml, action, element, item);
                }
            } else if (value.isObject() && MAP_ELEMENTS.containsKey(name)) {
                String[] shape = MAP_ELEMENTS.get(name);
                for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    xml.append('<').append(shape[0]).append('>');
                    xml.append('<').append(shape[1]).append('>');
                    escape(xml, entry.getKey());
                    xml.append("</").append(shape[1]).append('>');
                    writeElement(xml, action, shape[2], entry.getValue());
                    xml.append("</").append(shape[0]).append('>');
                }
            } else {
                writeElement(xml, action, name, value);
            }
        }
    }

    private static void writeElement(StringBuilder xml, String action, String element, JsonNode value) {
        xml.append('<').append(element).append('>');
        if (value.isObject()) {
            writeFields(xml, action, (ObjectNode) value);
        } else {
            escape(xml, value.asText());
        }
        xml.append("</").append(element).append('>');
    }

    /** Appends {@code text} escaped for XML 1.0 character data. */
    static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                case '\r' -> xml.append("&#xD;");
                case '\n', '\t' -> xml.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        xml.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        xml.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        xml.append('\uFFFD');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
    }
}
