package io.opencmq.server.http;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.Clock;
import io.opencmq.core.time.ExecutorScheduler;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.server.CmqRequests;
import io.opencmq.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that sends its request and then half-closes its side of the connection
 * (shutdownOutput, as netcat -N and some HTTP/1.0 tools do) still gets its answer: the server
 * reads the connection while it answers (to notice a client gone during a long poll), but a
 * FIN only tells a long poll to stop waiting; everything else is answered, then the
 * connection is closed.
 */
class HalfCloseTest {
    private static final Credentials CREDENTIALS = new Credentials("AKIDhalfClose00000000000000000000000", "halfCloseSecretKey00000000000000000");

    @TempDir
    Path dataDir;

    private int port;

    private String post(String action, Map<String, String> params, String connection) {
        String host = "127.0.0.1:" + port();
        String body = new CmqRequests(CREDENTIALS, port()).form("POST", action, params);
        return "POST /v2/index.php HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + (connection == null ? "" : "Connection: " + connection + "\r\n")
                + "\r\n"
                + body;
    }

    private int port() {
        return port;
    }

    /** Sends one request, half-closes, and returns everything the server sent until it closed. */
    private String sendThenHalfClose(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // whatever arrived before a reset counts
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The store takes 300 ms to make a write durable (a slow disk; with the real store the same
     * happens whenever the fsync loses the race with the FIN), so the FIN is read before the
     * answer exists: the stored message must still be acknowledged.
     */
    @Test
    void aSendFollowedByAHalfCloseIsAnsweredEvenWhenTheStoreIsSlow() throws Exception {
        MemoryMessageStore memory = new MemoryMessageStore();
        MessageStore slow = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[]{MessageStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(memory, args);
                        if (method.getName().equals("write")) {
                            CompletableFuture<?> done = (CompletableFuture<?>) result;
                            return done.thenApplyAsync(v -> null,
                                    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Served served = serve(slow)) {
            Broker broker = served.broker();
            broker.createQueue("slow", QueueSettings.NONE).join();
            String sent = sendThenHalfClose(post("SendMessage", Map.of("queueName", "slow", "msgBody", "hello"), "close"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(broker.getQueueAttributes("slow").activeMsgNum()).as("the message was stored").isEqualTo(1));
            assertThat(sent).as("and its sender must be told so").startsWith("HTTP/1.1 200").contains("msgId");
        }
    }

    /** A long poll whose client half-closes stops waiting at once and is answered "no message". */
    @Test
    void aLongPollFollowedByAHalfCloseEndsAtOnceWithNoMessage() throws Exception {
        try (Served served = serve(new MemoryMessageStore())) {
            Broker broker = served.broker();
            broker.createQueue("idle", QueueSettings.NONE).join();
            long start = System.nanoTime();
            String answer = sendThenHalfClose(post("ReceiveMessage", Map.of("queueName", "idle", "pollingWaitSeconds", "20"), null));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 20 s wait").isLessThan(Duration.ofSeconds(10));
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"code\":7000");
            // The answer may be written a moment before the receive has left its queue.
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.parkedReceives() == 0);
            broker.sendMessages("idle", java.util.List.of(io.opencmq.core.message.OutgoingMessage.of(
                    "later".getBytes(StandardCharsets.UTF_8)))).join();
            assertThat(broker.getQueueAttributes("idle").activeMsgNum()).as("nobody took it").isEqualTo(1);
        }
    }

    /** A broker on {@code store} behind a real HTTP server on an ephemeral port (sets {@link #port}). */
    private Served serve(MessageStore store) throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler("half-close");
        Broker broker = Broker.open(store, Clock.SYSTEM, scheduler, BrokerOptions.defaults());
        ServerStatus status = new ServerStatus();
        status.markUp();
        RequestRouter router = new RequestRouter(new CmqApi(broker, broker, CREDENTIALS, CmqApiOptions.defaults(), Clock.SYSTEM),
                new SqsApi(broker, CREDENTIALS, SqsApiOptions.defaults(), Clock.SYSTEM), status);
        HttpServer http = HttpServer.start(ServerConfig.defaults(dataDir).withPort(0).withCredentials(CREDENTIALS),
                router, status);
        port = http.localAddress().getPort();
        return new Served(scheduler, broker, http);
    }

    private record Served(ExecutorScheduler scheduler, Broker broker, HttpServer http) implements AutoCloseable {
        @Override
        public void close() {
            http.close();
            broker.close();
            scheduler.close();
        }
    }
}
