package io.opencmq.core.spi;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which topic subscriptions push messages to HTTP(S) endpoints. The server
 * implements it with a real HTTP client (bounded timeout, no redirects to other hosts); the
 * core decides what to send, when to retry and when to give up.
 *
 * <p>The future must always complete (normally, even for network errors) and must not
 * complete on the caller's thread while holding any lock of the caller's.
 */
@FunctionalInterface
public interface PushTransport {

    CompletableFuture<PushResult> push(PushRequest request);

    /** One POST: the endpoint, the headers to send, and the body. */
    record PushRequest(URI endpoint, Map<String, String> headers, byte[] body) { }

    /**
     * What came back: {@code status} is the HTTP status, or 0 when no response arrived, in
     * which case {@code error} says why (timeout, connection refused, ...).
     */
    record PushResult(int status, String error) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /** A transport for embeddings without HTTP push: every attempt fails and is retried later. */
    PushTransport UNAVAILABLE = request ->
            CompletableFuture.completedFuture(new PushResult(0, "this server has no HTTP push transport"));
}
