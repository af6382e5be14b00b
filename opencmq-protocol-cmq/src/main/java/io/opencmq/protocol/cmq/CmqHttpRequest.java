package io.opencmq.protocol.cmq;

import io.opencmq.protocol.common.ClientDisconnect;

/**
 * One HTTP request as the server saw it, before any CMQ parsing.
 *
 * @param method the HTTP method as sent (CMQ accepts GET and POST)
 * @param host the Host header, port included when the client sent one; it is part of what the
 *        client signed
 * @param path the request path without the query, normally {@code /v2/index.php}
 * @param rawQuery the query string without '?', still percent-encoded; may be null
 * @param body the raw request body (a form for POST); may be empty
 * @param remoteAddress the peer address, for logs only
 * @param disconnect tells a long poll that its client went away
 */
public record CmqHttpRequest(String method, String host, String path, String rawQuery, byte[] body, String remoteAddress,
                             ClientDisconnect disconnect) {

    /** A request whose client never goes away (tests, embeddings). */
    public CmqHttpRequest(String method, String host, String path, String rawQuery, byte[] body, String remoteAddress) {
        this(method, host, path, rawQuery, body, remoteAddress, ClientDisconnect.NEVER);
    }
}
