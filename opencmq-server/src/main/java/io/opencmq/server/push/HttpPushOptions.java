package io.opencmq.server.push;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpPushTransport} talks to subscribers' endpoints.
 *
 * @param requestTimeout an attempt with no complete answer within this time fails (CMQ: about
 *        15 s). It bounds the whole exchange, response body included, so an endpoint that
 *        trickles its answer cannot hold a slot. A push that waits for a free slot of its
 *        endpoint waits at most this long as well, so one attempt lasts at most twice this
 * @param connectTimeout how long to wait for the TCP (and TLS) connection; never longer than
 *        {@code requestTimeout}
 * @param maxConcurrentPerEndpoint requests in flight at once to one scheme://host:port; more
 *        wait, without a thread, until one finishes
 */
public record HttpPushOptions(Duration requestTimeout, Duration connectTimeout, int maxConcurrentPerEndpoint) {

    public static final int DEFAULT_MAX_CONCURRENT_PER_ENDPOINT = 32;
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public HttpPushOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        if (maxConcurrentPerEndpoint <= 0) {
            throw new IllegalArgumentException("maxConcurrentPerEndpoint must be positive, was " + maxConcurrentPerEndpoint);
        }
        if (connectTimeout.compareTo(requestTimeout) > 0) {
            connectTimeout = requestTimeout;
        }
    }

    /** The server's settings: the given request timeout, a 5 s connect timeout, 32 requests per endpoint. */
    public static HttpPushOptions withRequestTimeout(Duration requestTimeout) {
        return new HttpPushOptions(requestTimeout, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_CONCURRENT_PER_ENDPOINT);
    }
}
