package io.opencmq.it.lifecycle;

import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orderly shutdown, in-JVM (close) and as a process (SIGTERM): a receive parked in a long
 * poll is answered at once instead of holding the shutdown for its whole wait, the stop is
 * prompt, and what was sent before is there after the next start.
 */
class ShutdownTest {

    @TempDir
    Path temp;

    @Test
    void closeAnswersParkedLongPollsPromptly() throws Exception {
        TestServer server = TestServer.start(temp.resolve("data"));
        RawQueue queue = RawQueue.create(server.raw(), "shutdown-park");
        CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> queue.receive(30));
        Thread.sleep(500);

        long start = System.nanoTime();
        server.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);
        Reply reply = parked.get(15, TimeUnit.SECONDS);

        assertThat(closing).as("close did not wait out the 30 s long poll").isLessThan(Duration.ofSeconds(10));
        assertThat(reply.code()).as("the parked receive got an answer: %s", reply).isEqualTo(7000);
    }

    @Test
    void sigtermStopsPromptlyAndKeepsTheData() throws Exception {
        Path dataDir = temp.resolve("child");
        String name;
        CompletableFuture<Reply> parked;
        Duration stopping;
        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = RawQueue.create(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS), "shutdown-term");
            name = queue.name();
            queue.sendOk("kept over a clean stop");
            RawQueue waiting = RawQueue.create(queue.client(), "shutdown-term-wait");
            parked = CompletableFuture.supplyAsync(() -> waiting.receive(30));
            Thread.sleep(500);

            long start = System.nanoTime();
            child.close();
            stopping = Duration.ofNanos(System.nanoTime() - start);
        }

        assertThat(stopping).as("SIGTERM did not wait out the 30 s long poll").isLessThan(Duration.ofSeconds(15));
        assertThat(parked.get(15, TimeUnit.SECONDS).code()).isEqualTo(7000);
        try (ChildServer again = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = new RawQueue(new RawCmqClient(again.endpoint(), TestServer.CREDENTIALS), name);
            assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("kept over a clean stop");
        }
    }
}
