package io.opencmq.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/**
 * What the server answers to one request: a status and a JSON body. The
 * {@link RequestHandler} turns it into a Netty response with the headers every answer carries.
 */
public record HttpAnswer(HttpResponseStatus status, byte[] json) {

    /** CMQ answers everything, errors included, with HTTP 200 and the outcome in the body. */
    static HttpAnswer cmq(byte[] json) {
        return new HttpAnswer(HttpResponseStatus.OK, json);
    }

    static HttpAnswer json(HttpResponseStatus status, String json) {
        return new HttpAnswer(status, json.getBytes(StandardCharsets.UTF_8));
    }
}
