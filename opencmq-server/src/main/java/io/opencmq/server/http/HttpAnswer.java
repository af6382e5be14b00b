package io.opencmq.server.http;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the server answers to one request: a status, a content type, headers of the protocol's
 * own (SQS's request id, for example) and a body. The {@link RequestHandler} turns it into a
 * Netty response with the headers every answer carries.
 */
public record HttpAnswer(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body) {

    private static final String JSON = HttpHeaderValues.APPLICATION_JSON + "; charset=utf-8";

    /** CMQ answers everything, errors included, with HTTP 200 and the outcome in the body. */
    static HttpAnswer cmq(byte[] json) {
        return new HttpAnswer(HttpResponseStatus.OK, JSON, Map.of(), json);
    }

    static HttpAnswer json(HttpResponseStatus status, String json) {
        return new HttpAnswer(status, JSON, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
