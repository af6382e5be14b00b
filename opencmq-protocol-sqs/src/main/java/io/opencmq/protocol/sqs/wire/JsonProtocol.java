package io.opencmq.protocol.sqs.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsError;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsHttpResponse;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The AWS JSON 1.0 protocol as SQS speaks it: requests are {@code POST /} with
 * {@code X-Amz-Target: AmazonSQS.<Action>} and a JSON object body; answers are
 * {@code application/x-amz-json-1.0}.
 *
 * <p>Errors are HTTP 4xx/5xx with {@code {"__type": "com.amazonaws.sqs#<Code>", "message": ...}}
 * and, because SQS is query compatible, the header {@code x-amzn-query-error:
 * <query code>;Sender|Receiver}: the AWS SDKs choose the exception class by {@code __type} and
 * report the query code as the error code. Stateless and thread-safe.
 */
public final class JsonProtocol {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    public static final String TARGET_PREFIX = "AmazonSQS.";
    private static final String TYPE_PREFIX = "com.amazonaws.sqs#";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonProtocol() {
    }

    /** The action's parameters; an empty body counts as {@code {}}. */
    public static SqsParams parse(byte[] body) {
        if (body.length == 0) {
            return SqsParams.empty();
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            throw SqsErrors.serializationError("The request body is not valid JSON.");
        }
        if (tree == null || tree.isMissingNode()) {
            return SqsParams.empty();
        }
        if (!tree.isObject()) {
            throw SqsErrors.serializationError("The request body must be a JSON object.");
        }
        return new SqsParams((ObjectNode) tree, true);
    }

    /**
     * Members SQS's model marks required: sent even when empty. Every other empty list or map is
     * left out, as AWS does (the AWS CLI then prints nothing for an empty ReceiveMessage or
     * ListQueues, and scripts test for that).
     */
    private static final Set<String> REQUIRED_MEMBERS = Set.of("queueUrls", "Successful", "Failed");

    /** A success: the result object, or {@code {}} for actions without one. */
    public static SqsHttpResponse result(ObjectNode result, String requestId) {
        if (result != null) {
            result.properties().removeIf(member -> member.getValue().isContainerNode()
                    && member.getValue().isEmpty() && !REQUIRED_MEMBERS.contains(member.getKey()));
        }
        byte[] body;
        try {
            body = result == null ? "{}".getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON result", e);
        }
        return new SqsHttpResponse(200, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId), body);
    }

    public static SqsHttpResponse error(SqsError error, String requestId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("__type", TYPE_PREFIX + error.code());
        node.put("message", error.message());
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON error", e);
        }
        return new SqsHttpResponse(error.httpStatus(), CONTENT_TYPE, Map.of(
                "x-amzn-RequestId", requestId,
                "x-amzn-query-error", error.queryCode() + ";" + error.faultType()), body);
    }
}
