package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node-wide cap on waiting long polls (maxParkedReceives): beyond it a receive answers at
 * once instead of waiting, and the receives already parked are still served by later sends.
 */
class ParkedReceiveLimitTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static RawCmqClient raw;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dataDir, c -> c.withMaxParkedReceives(2));
        raw = server.raw();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void receiveBeyondTheCapDoesNotWait() throws Exception {
        RawQueue queue = RawQueue.create(raw, "parked-cap");
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> queue.receive(10));
        CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> queue.receive(10));
        Thread.sleep(700);

        long start = System.nanoTime();
        Reply third = queue.receive(10);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        queue.batchSend(List.of("for one", "for two")).assertOk();

        assertThat(third.code()).isEqualTo(7000);
        assertThat(took).as("the third receive was not parked").isLessThan(Duration.ofSeconds(5));
        assertThat(List.of(first.get(20, TimeUnit.SECONDS).assertOk().text("msgBody"),
                second.get(20, TimeUnit.SECONDS).assertOk().text("msgBody")))
                .containsExactlyInAnyOrder("for one", "for two");
    }
}
