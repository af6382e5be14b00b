package io.opencmq.protocol.sqs;

import java.util.Map;

/**
 * What the SQS front answers: status, content type, extra headers (the request id, and for
 * JSON errors {@code x-amzn-query-error}) and the body.
 */
public record SqsHttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
}
