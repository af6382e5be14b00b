package io.opencmq.protocol.sqs;

import io.opencmq.protocol.common.ClientDisconnect;

import java.util.Map;

/**
 * One HTTP request as the server saw it, before any SQS parsing.
 *
 * @param method the HTTP method as sent
 * @param rawPath the request path without the query, still percent-encoded (SigV4 signs it so)
 * @param rawQuery the query string without '?', still percent-encoded; "" if none
 * @param headers every header, names lower-cased, the values of a repeated header joined
 *        with ',' in the order received (as SigV4 canonicalizes them)
 * @param body the raw request body; may be empty
 * @param remoteAddress the peer address, for logs only
 * @param disconnect tells a long poll that its client went away
 */
public record SqsHttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
                             String remoteAddress, ClientDisconnect disconnect) {

    /** A request whose client never goes away (tests, embeddings). */
    public SqsHttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
                          String remoteAddress) {
        this(method, rawPath, rawQuery, headers, body, remoteAddress, ClientDisconnect.NEVER);
    }

    /** The header's value, or null; {@code lowerCaseName} must be lower case. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
