package io.opencmq.server.push;

import io.opencmq.core.spi.PushTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's {@link PushTransport}: POSTs a subscription's message to its HTTP(S) endpoint
 * with the JDK's {@link HttpClient}. The core decides what to send and when to retry; this
 * class only makes one attempt and says how it went.
 *
 * <ul>
 *   <li>Redirects are never followed: a 3xx answer is a failed attempt, so a subscriber's
 *       endpoint cannot send the server on to another host.</li>
 *   <li>Every attempt ends within {@link HttpPushOptions#requestTimeout()}, answer body
 *       included (the exchange is cancelled then), plus at most as long again waiting for a
 *       free slot of its endpoint ({@link EndpointLimiter}).</li>
 *   <li>The returned future always completes normally: with the HTTP status, or with status
 *       0 and a short reason (timeout, connection refused, ...). It completes on one of this
 *       transport's own (virtual) threads, never on the caller's thread, so the core's
 *       completion logic never runs inside a lock its caller holds.</li>
 * </ul>
 *
 * <p>Thread-safety: thread-safe; {@link #push} never blocks. {@link #close()} fails waiting
 * pushes, aborts those in flight and returns once every future it handed out is complete
 * (bounded by {@value #CLOSE_WAIT_SECONDS} s). The server closes it after the broker has
 * stopped its pumps and before the store, since completing a push writes to the store.
 */
public final class HttpPushTransport implements PushTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpPushTransport.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final HttpPushOptions options;
    private final ExecutorService completions;
    private final ScheduledThreadPoolExecutor deadlines;
    private final HttpClient client;
    private final EndpointLimiter limiter;
    private volatile boolean closed;

    public HttpPushTransport(HttpPushOptions options) {
        this.options = options;
        this.completions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("opencmq-push-", 0).factory());
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "opencmq-push-deadline");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        // HTTP/1.1 only: an h2c upgrade offer would only confuse simple subscriber endpoints.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .executor(completions)
                .build();
        this.limiter = new EndpointLimiter(options.maxConcurrentPerEndpoint(), options.requestTimeout().toNanos());
    }

    @Override
    public CompletableFuture<PushResult> push(PushRequest request) {
        CompletableFuture<PushResult> result = new CompletableFuture<>();
        if (closed) {
            finish(result, new PushResult(0, "the server is shutting down"));
            return result;
        }
        HttpRequest http;
        String endpoint;
        try {
            endpoint = endpointKey(request.endpoint());
            http = toHttpRequest(request);
        } catch (RuntimeException e) {
            finish(result, new PushResult(0, "cannot send to " + request.endpoint() + ": " + e.getMessage()));
            return result;
        }
        limiter.submit(endpoint, () -> sendOnTransportThread(endpoint, http, result),
                why -> finish(result, new PushResult(0, why)));
        return result;
    }

    /** Pushes waiting for a free slot of the endpoint at {@code uri} right now (tests). */
    int waitingFor(URI uri) {
        return limiter.waiting(endpointKey(uri));
    }

    /** Pushes in flight to the endpoint at {@code uri} right now (tests). */
    int inFlightTo(URI uri) {
        return limiter.active(endpointKey(uri));
    }

    /**
     * Hands the request to a transport thread: starting an exchange may resolve the host name,
     * which blocks, and the caller may be one of the engine's few threads.
     */
    private void sendOnTransportThread(String endpoint, HttpRequest http, CompletableFuture<PushResult> result) {
        try {
            completions.execute(() -> send(endpoint, http, result));
        } catch (RejectedExecutionException shuttingDown) {
            limiter.release(endpoint);
            result.complete(new PushResult(0, "the server is shutting down"));
        }
    }

    private void send(String endpoint, HttpRequest http, CompletableFuture<PushResult> result) {
        if (closed) {
            limiter.release(endpoint);
            finish(result, new PushResult(0, "the server is shutting down"));
            return;
        }
        CompletableFuture<HttpResponse<Void>> exchange;
        try {
            exchange = client.sendAsync(http, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            limiter.release(endpoint);
            finish(result, new PushResult(0, describe(e)));
            return;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            finish(result, new PushResult(0, "timed out after " + options.requestTimeout().toMillis() + " ms"));
            exchange.cancel(true);
        }, options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        exchange.whenComplete((response, error) -> {
            deadline.cancel(false);
            limiter.release(endpoint);
            finish(result, error == null ? new PushResult(response.statusCode(), null) : new PushResult(0, describe(error)));
        });
    }

    private HttpRequest toHttpRequest(PushRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.endpoint())
                .timeout(options.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return b.build();
    }

    /** Completes {@code result} on a transport thread (inline only once those are gone, at shutdown). */
    private void finish(CompletableFuture<PushResult> result, PushResult value) {
        if (result.isDone()) {
            return;
        }
        try {
            completions.execute(() -> result.complete(value));
        } catch (RejectedExecutionException shuttingDown) {
            result.complete(value);
        }
    }

    /** scheme://host:port, lower case, with the scheme's default port filled in: what one slot cap covers. */
    static String endpointKey(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("not an http(s) URL with a host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** A short reason for an attempt that got no HTTP answer; shown as the subscription's last error. */
    private String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException) {
            return "timed out after " + options.requestTimeout().toMillis() + " ms";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + options.connectTimeout().toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out after " + options.requestTimeout().toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "cannot connect: " + deepestMessage(e);
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + deepestMessage(e);
        }
        return deepestMessage(e);
    }

    private static String deepestMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EndpointLimiter.Waiter w : limiter.drainWaiting()) {
            w.reject().accept("the server is shutting down");
        }
        client.shutdownNow();
        try {
            if (!client.awaitTermination(Duration.ofSeconds(CLOSE_WAIT_SECONDS))) {
                log.warn("HTTP push client did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
            deadlines.shutdownNow();
            completions.shutdown();
            if (!completions.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("HTTP push completions still running after {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
