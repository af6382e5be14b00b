package io.opencmq.server.push;

import io.opencmq.core.spi.PushTransport.PushRequest;
import io.opencmq.core.spi.PushTransport.PushResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The push transport against real HTTP endpoints on 127.0.0.1: what arrives, and every way an attempt can end. */
class HttpPushTransportTest {
    private static final Map<String, String> CMQ_HEADERS = cmqHeaders();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private HttpPushTransport transport(Duration timeout, int perEndpoint) {
        HttpPushTransport t = new HttpPushTransport(new HttpPushOptions(timeout, Duration.ofSeconds(2), perEndpoint));
        toClose.add(t);
        return t;
    }

    private LocalEndpoint endpoint(LocalEndpoint.Responder responder) {
        LocalEndpoint e = new LocalEndpoint(responder);
        toClose.add(e);
        return e;
    }

    private static PushResult result(CompletableFuture<PushResult> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void postsTheHeadersAndTheBodyAsGiven() throws Exception {
        LocalEndpoint receiver = endpoint(exchange -> 200);
        byte[] body = "{\"msgBody\":\"héllo & bye\"}".getBytes(StandardCharsets.UTF_8);

        PushResult result = result(transport(Duration.ofSeconds(5), 4)
                .push(new PushRequest(receiver.uri("/hook/a?x=1"), CMQ_HEADERS, body)));

        assertThat(result).isEqualTo(new PushResult(200, null));
        assertThat(result.delivered()).isTrue();
        assertThat(receiver.received()).hasSize(1);
        LocalEndpoint.Received got = receiver.received().get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/hook/a");
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.headers().getFirst("Content-Type")).isEqualTo("text/plain");
        assertThat(got.headers().getFirst("User-Agent")).isEqualTo("Qcloud Notification Service Agent");
        assertThat(got.headers().getFirst("x-cmq-request-id")).isEqualTo("req-1");
        assertThat(got.headers().getFirst("x-cmq-message-id")).isEqualTo("msg-1");
        assertThat(got.headers().getFirst("x-cmq-message-tag")).isEqualTo("red, blue");
        assertThat(got.headers().getFirst("Content-Length")).isEqualTo(Integer.toString(body.length));
    }

    @Test
    void anyTwoHundredIsDeliveredAndEveryOtherStatusIsReturnedAsIs() throws Exception {
        HttpPushTransport transport = transport(Duration.ofSeconds(5), 4);
        for (int status : new int[] {200, 201, 204, 400, 404, 500, 503}) {
            LocalEndpoint receiver = endpoint(exchange -> status);

            PushResult result = result(transport.push(new PushRequest(receiver.uri("/"), CMQ_HEADERS, new byte[] {1})));

            assertThat(result.status()).as("status").isEqualTo(status);
            assertThat(result.delivered()).as("delivered for " + status).isEqualTo(status < 300);
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        LocalEndpoint elsewhere = endpoint(exchange -> 200);
        LocalEndpoint redirecting = endpoint(exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere.uri("/stolen").toString());
            return 307;
        });

        PushResult result = result(transport(Duration.ofSeconds(5), 4)
                .push(new PushRequest(redirecting.uri("/"), CMQ_HEADERS, new byte[] {1})));

        assertThat(result.status()).isEqualTo(307);
        assertThat(result.delivered()).isFalse();
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void anEndpointThatAnswersTooLateIsATimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LocalEndpoint slow = endpoint(exchange -> {
            never.await(10, TimeUnit.SECONDS);
            return 200;
        });
        long start = System.nanoTime();

        PushResult result = result(transport(Duration.ofMillis(500), 4)
                .push(new PushRequest(slow.uri("/"), CMQ_HEADERS, new byte[] {1})));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        never.countDown();
        assertThat(result.status()).isZero();
        assertThat(result.error()).contains("timed out");
        assertThat(tookMillis).isBetween(400L, 5_000L);
    }

    @Test
    void anEndpointThatTricklesItsBodyIsCutOffAtTheTimeout() throws Exception {
        LocalEndpoint trickling = endpoint(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 40; i++) {
                exchange.getResponseBody().write('x');
                exchange.getResponseBody().flush();
                Thread.sleep(100);
            }
            return 200;
        });
        long start = System.nanoTime();

        PushResult result = result(transport(Duration.ofMillis(700), 4)
                .push(new PushRequest(trickling.uri("/"), CMQ_HEADERS, new byte[] {1})));

        assertThat(result.status()).isZero();
        assertThat(result.error()).contains("timed out");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_500L);
    }

    @Test
    void aRefusedConnectionIsAFailureWithAReason() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + closedPort() + "/");

        PushResult result = result(transport(Duration.ofSeconds(5), 4).push(new PushRequest(nobody, CMQ_HEADERS, new byte[] {1})));

        assertThat(result.status()).isZero();
        assertThat(result.error()).isNotBlank();
        assertThat(result.delivered()).isFalse();
    }

    @Test
    void aRequestTheHttpClientRefusesToBuildIsAFailureNotAnException() throws Exception {
        LocalEndpoint receiver = endpoint(exchange -> 200);
        Map<String, String> restricted = new LinkedHashMap<>(CMQ_HEADERS);
        restricted.put("Host", "evil.example");

        PushResult result = result(transport(Duration.ofSeconds(5), 4)
                .push(new PushRequest(receiver.uri("/"), restricted, new byte[] {1})));

        assertThat(result.status()).isZero();
        assertThat(result.error()).contains("Host");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void pushesBeyondTheCapOfAnEndpointWaitWithoutBlockingAndThenGo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LocalEndpoint gated = endpoint(exchange -> {
            release.await(15, TimeUnit.SECONDS);
            return 200;
        });
        LocalEndpoint other = endpoint(exchange -> 200);
        HttpPushTransport transport = transport(Duration.ofSeconds(10), 2);
        URI uri = gated.uri("/");

        List<CompletableFuture<PushResult>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            results.add(transport.push(new PushRequest(uri, CMQ_HEADERS, new byte[] {(byte) i})));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("push() never blocks").isLessThan(1_000L);
        await().atMost(Duration.ofSeconds(5)).until(() -> gated.received().size() == 2);
        assertThat(transport.inFlightTo(uri)).isEqualTo(2);
        assertThat(transport.waitingFor(uri)).isEqualTo(3);

        PushResult elsewhere = result(transport.push(new PushRequest(other.uri("/"), CMQ_HEADERS, new byte[] {9})));
        assertThat(elsewhere.delivered()).as("another endpoint is not held up").isTrue();

        release.countDown();
        for (CompletableFuture<PushResult> r : results) {
            assertThat(result(r).status()).isEqualTo(200);
        }
        assertThat(gated.received()).hasSize(5);
        assertThat(gated.maxConcurrent()).isEqualTo(2);
        assertThat(transport.inFlightTo(uri)).isZero();
    }

    @Test
    void theResultCompletesOnATransportThreadNotTheCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LocalEndpoint gated = endpoint(exchange -> {
            release.await(10, TimeUnit.SECONDS);
            return 200;
        });
        AtomicReference<String> completedOn = new AtomicReference<>();

        CompletableFuture<PushResult> f = transport(Duration.ofSeconds(5), 4)
                .push(new PushRequest(gated.uri("/"), CMQ_HEADERS, new byte[] {1}));
        CompletableFuture<Void> seen = f.thenRun(() -> completedOn.set(Thread.currentThread().getName()));
        release.countDown();
        seen.get(10, TimeUnit.SECONDS);

        assertThat(completedOn.get()).startsWith("opencmq-push-");
    }

    @Test
    void closeEndsWhatIsInFlightAndWaitingAndRefusesNewPushes() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LocalEndpoint hung = endpoint(exchange -> {
            never.await(20, TimeUnit.SECONDS);
            return 200;
        });
        HttpPushTransport transport = new HttpPushTransport(new HttpPushOptions(Duration.ofSeconds(15), Duration.ofSeconds(2), 1));
        CompletableFuture<PushResult> inFlight = transport.push(new PushRequest(hung.uri("/"), CMQ_HEADERS, new byte[] {1}));
        CompletableFuture<PushResult> waiting = transport.push(new PushRequest(hung.uri("/"), CMQ_HEADERS, new byte[] {2}));
        await().atMost(Duration.ofSeconds(5)).until(() -> hung.received().size() == 1);

        long start = System.nanoTime();
        transport.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        never.countDown();

        assertThat(closeMillis).isLessThan(8_000L);
        assertThat(inFlight).isCompleted();
        assertThat(inFlight.get().delivered()).isFalse();
        assertThat(waiting.get()).isEqualTo(new PushResult(0, "the server is shutting down"));
        PushResult after = result(transport.push(new PushRequest(hung.uri("/"), CMQ_HEADERS, new byte[] {3})));
        assertThat(after).isEqualTo(new PushResult(0, "the server is shutting down"));
        assertThat(hung.received()).hasSize(1);
    }

    @Test
    void oneSlotCapCoversSchemeHostAndPortWithDefaultPorts() {
        assertThat(HttpPushTransport.endpointKey(URI.create("http://Example.COM/a?b")))
                .isEqualTo(HttpPushTransport.endpointKey(URI.create("http://example.com:80/c")));
        assertThat(HttpPushTransport.endpointKey(URI.create("https://example.com/"))).isEqualTo("https://example.com:443");
        assertThat(HttpPushTransport.endpointKey(URI.create("http://example.com:8080/")))
                .isNotEqualTo(HttpPushTransport.endpointKey(URI.create("http://example.com:8081/")));
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> cmqHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/plain");
        h.put("User-Agent", "Qcloud Notification Service Agent");
        h.put("x-cmq-request-id", "req-1");
        h.put("x-cmq-message-id", "msg-1");
        h.put("x-cmq-message-tag", "red, blue");
        return Map.copyOf(h);
    }
}
