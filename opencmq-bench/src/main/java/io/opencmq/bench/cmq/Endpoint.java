package io.opencmq.bench.cmq;

import java.net.URI;

/**
 * Where the load goes: host and port of an HTTP server. {@link #hostHeader()} is also the
 * host part of what CMQ clients sign, so it must match what the server sees.
 */
public record Endpoint(String host, int port) {

    /** Parses {@code http://host:port}, {@code host:port} or a bare port. */
    public static Endpoint parse(String text) {
        if (text.matches("\\d+")) {
            return new Endpoint("127.0.0.1", Integer.parseInt(text));
        }
        URI uri = URI.create(text.contains("://") ? text : "http://" + text);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not an endpoint: " + text);
        }
        return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    public String hostHeader() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "http://" + hostHeader();
    }
}
