package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the HTTP layer does at and beyond its limits: oversized bodies and headers, the
 * connection cap, idle and slow connections, pipelining. After each abuse the server must
 * keep serving.
 */
class HttpLimitsTest {
    private static final Credentials CREDENTIALS = new Credentials("AKIDlimitsTest0000000000000000000000", "limitsTestSecretKey0000000000000000");
    private static final int SMALL_BODY_LIMIT = 64 * 1024;

    @TempDir
    Path dataDir;

    private OpencmqServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ServerConfig config) throws Exception {
        server = OpencmqServer.start(config.withPort(0).withCredentials(CREDENTIALS));
    }

    private void assertStillServing() throws IOException {
        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.get("/health");
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void oversizedBodyWithContentLengthGetsTheCmqErrorAndTheServerKeepsServing() throws Exception {
        start(ServerConfig.defaults(dataDir).withMaxRequestBytes(SMALL_BODY_LIMIT));
        byte[] body = new byte[SMALL_BODY_LIMIT + 1];
        Arrays.fill(body, (byte) 'a');

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n");
            c.send(body);
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.cmqCode()).isEqualTo(4000);
            assertThat(reply.body()).contains("10420");
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertStillServing();
    }

    @Test
    void oversizedChunkedBodyGetsTheCmqError() throws Exception {
        start(ServerConfig.defaults(dataDir).withMaxRequestBytes(SMALL_BODY_LIMIT));
        String chunk = "b".repeat(16 * 1024);

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                c.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            c.send("0\r\n\r\n");
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.cmqCode()).isEqualTo(4000);
        }
        assertStillServing();
    }

    @Test
    void oversizedBodyAnnouncedWithExpectContinueIsRefusedBeforeItIsSent() throws Exception {
        start(ServerConfig.defaults(dataDir).withMaxRequestBytes(SMALL_BODY_LIMIT));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (SMALL_BODY_LIMIT * 2) + "\r\n\r\n");
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.cmqCode()).isEqualTo(4000);
        }
        assertStillServing();
    }

    @Test
    void bodyWithinTheLimitIsAccepted() throws Exception {
        start(ServerConfig.defaults(dataDir).withMaxRequestBytes(SMALL_BODY_LIMIT));
        CmqRequests cmq = new CmqRequests(CREDENTIALS, server.port());
        String message = "m".repeat(SMALL_BODY_LIMIT - 1024);

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "big")));
            assertThat(c.read().cmqCode()).isZero();
            c.send(cmq.post("SendMessage", Map.of("queueName", "big", "msgBody", message)));
            assertThat(c.read().cmqCode()).isZero();
        }
    }

    @Test
    void tooLargeHeadersGet431AndTheConnectionIsClosed() throws Exception {
        start(ServerConfig.defaults(dataDir));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(20 * 1024) + "\r\n\r\n");
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(431);
            assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertStillServing();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        start(ServerConfig.defaults(dataDir).withMaxConnections(2));

        try (RawHttpConnection first = new RawHttpConnection(server.port());
             RawHttpConnection second = new RawHttpConnection(server.port())) {
            first.get("/health");
            assertThat(first.read().status()).isEqualTo(200);
            second.get("/health");
            assertThat(second.read().status()).isEqualTo(200);

            try (RawHttpConnection third = new RawHttpConnection(server.port())) {
                assertThat(third.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
            }

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() < 2);
            assertStillServing();
            second.get("/health");
            assertThat(second.read().status()).as("admitted connections keep working").isEqualTo(200);
        }
    }

    @Test
    void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(ServerConfig.defaults(dataDir).withIdleTimeoutSeconds(1));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.get("/health");
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void longPollOutlastingTheIdleTimeoutIsNotCutOff() throws Exception {
        start(ServerConfig.defaults(dataDir).withIdleTimeoutSeconds(1));
        CmqRequests cmq = new CmqRequests(CREDENTIALS, server.port());

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "slow")));
            assertThat(c.read().cmqCode()).isZero();
            c.send(cmq.post("ReceiveMessage", Map.of("queueName", "slow", "pollingWaitSeconds", "3")));
            assertThat(c.read().cmqCode()).as("no message after the full wait").isEqualTo(7000);
        }
    }

    @Test
    void requestThatIsNotCompletedInTimeClosesTheConnection() throws Exception {
        start(ServerConfig.defaults(dataDir).withRequestReadTimeoutSeconds(1).withIdleTimeoutSeconds(60));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            long startNanos = System.nanoTime();
            assertThat(c.closedByServerWithin(Duration.ofSeconds(15))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).as("well before the idle timeout")
                    .isLessThan(Duration.ofSeconds(15));
        }
        assertStillServing();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsSlow() throws Exception {
        start(ServerConfig.defaults(dataDir));
        CmqRequests cmq = new CmqRequests(CREDENTIALS, server.port());
        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(cmq.post("CreateQueue", Map.of("queueName", "pipelined")));
            assertThat(c.read().cmqCode()).isZero();

            String pipeline = cmq.post("ReceiveMessage", Map.of("queueName", "pipelined", "pollingWaitSeconds", "1"))
                    + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /missing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + cmq.post("SendMessage", Map.of("queueName", "pipelined", "msgBody", "after"));
            c.send(pipeline.getBytes(StandardCharsets.UTF_8));

            assertThat(c.read().cmqCode()).as("the long poll, answered after its 1 s wait").isEqualTo(7000);
            assertThat(c.read().body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(c.read().status()).isEqualTo(404);
            RawHttpConnection.Reply sent = c.read();
            assertThat(sent.cmqCode()).isZero();
            assertThat(sent.body()).contains("msgId");
        }
    }

    @Test
    void aLongBurstOfPipelinedRequestsIsAnsweredCompletelyAndInOrder() throws Exception {
        start(ServerConfig.defaults(dataDir));
        int count = 1000;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < count; i++) {
            burst.append(i % 2 == 0 ? "GET /health" : "GET /missing").append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send(burst.toString());
            for (int i = 0; i < count; i++) {
                assertThat(c.read().status()).as("answer %d", i).isEqualTo(i % 2 == 0 ? 200 : 404);
            }
        }
    }

    @Test
    void http10ClientWithoutKeepAliveIsAnsweredAndClosed() throws Exception {
        start(ServerConfig.defaults(dataDir));

        try (RawHttpConnection c = new RawHttpConnection(server.port())) {
            c.send("GET /health HTTP/1.0\r\n\r\n");
            RawHttpConnection.Reply reply = c.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }
}
