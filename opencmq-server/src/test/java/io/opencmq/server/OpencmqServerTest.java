package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The whole node on a real port and a real store: routes, CMQ round trip, shutdown, restart. */
class OpencmqServerTest {
    private static final Credentials CREDENTIALS = new Credentials("AKIDserverTest0000000000000000000000", "serverTestSecretKey0000000000000000");

    @TempDir
    Path dataDir;

    private OpencmqServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private OpencmqServer start(ServerConfig config) throws Exception {
        server = OpencmqServer.start(config.withPort(0).withCredentials(CREDENTIALS));
        return server;
    }

    @Test
    void theDeduplicationIdBudgetIsAQuarterOfTheHeap() {
        assertThat(OpencmqServer.dedupIdBudget(1L << 30)).isEqualTo(1_048_576);
        assertThat(OpencmqServer.dedupIdBudget(16L << 20)).isEqualTo(16_384);
        assertThat(OpencmqServer.dedupIdBudget(1L << 20)).as("a floor for tiny heaps").isEqualTo(10_000);
        assertThat(OpencmqServer.dedupIdBudget(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void healthIsUpOnceStarted() throws Exception {
        start(ServerConfig.defaults(dataDir));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(server.endpoint()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    void unknownPathIsNotFoundWithJsonBody() throws Exception {
        start(ServerConfig.defaults(dataDir));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/v3/other.php")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":404");
    }

    @Test
    void cmqRequestsRoundTripThroughTheStore() throws Exception {
        start(ServerConfig.defaults(dataDir));
        CmqRequests cmq = new CmqRequests(CREDENTIALS, server.port());

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "orders")));
            assertThat(c.read().cmqCode()).isZero();
            c.send(cmq.post("SendMessage", Map.of("queueName", "orders", "msgBody", "hello world")));
            assertThat(c.read().cmqCode()).isZero();
            c.send(cmq.post("ReceiveMessage", Map.of("queueName", "orders", "pollingWaitSeconds", "1")));
            RawHttpConnection.Reply received = c.read();
            assertThat(received.status()).isEqualTo(200);
            assertThat(received.cmqCode()).isZero();
            assertThat(received.body()).contains("hello world");
        }
    }

    @Test
    void badSignatureIsACmqErrorWithHttp200() throws Exception {
        start(ServerConfig.defaults(dataDir));
        CmqRequests wrongKey = new CmqRequests(new Credentials(CREDENTIALS.secretId(), "not-the-key"), server.port());

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(wrongKey.post("ListQueue", Map.of()));
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.cmqCode()).isEqualTo(4100);
        }
    }

    @Test
    void otherMethodsOnTheCmqPathGetTheCmqError() throws Exception {
        start(ServerConfig.defaults(dataDir));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("PUT /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.cmqCode()).isEqualTo(4000);
            assertThat(reply.body()).contains("PUT");
        }
    }

    @Test
    void closeAnswersAParkedLongPollAndStopsListening() throws Exception {
        start(ServerConfig.defaults(dataDir));
        CmqRequests cmq = new CmqRequests(CREDENTIALS, server.port());
        int port = server.port();
        try (RawHttpConnection c = new RawHttpConnection(port)) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "idle")));
            assertThat(c.read().cmqCode()).isZero();

            c.send(cmq.post("ReceiveMessage", Map.of("queueName", "idle", "pollingWaitSeconds", "25")));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requestsInFlight() == 1);

            long startNanos = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            RawHttpConnection.Reply reply = c.read();
            closing.get(15, TimeUnit.SECONDS);

            assertThat(reply.cmqCode()).as("no message").isEqualTo(7000);
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(12));
        }
        assertThatThrownBy(() -> new RawHttpConnection(port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void messagesAndGeneratedCredentialsSurviveARestart() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CredentialsResolver resolver = new CredentialsResolver(name -> null,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0);

        server = OpencmqServer.start(config, resolver);
        Credentials generated = server.credentials();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(generated.secretKey());
        CmqRequests cmq = new CmqRequests(generated, server.port());
        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "durable")));
            assertThat(c.read().cmqCode()).isZero();
            c.send(cmq.post("SendMessage", Map.of("queueName", "durable", "msgBody", "kept")));
            assertThat(c.read().cmqCode()).isZero();
        }
        server.close();
        console.reset();

        server = OpencmqServer.start(config, resolver);
        assertThat(server.credentials()).isEqualTo(generated);
        assertThat(console.size()).as("credentials are printed on the first start only").isZero();
        cmq = new CmqRequests(generated, server.port());
        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("ReceiveMessage", Map.of("queueName", "durable", "pollingWaitSeconds", "1")));
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.cmqCode()).isZero();
            assertThat(reply.body()).contains("kept");
        }
    }
}
