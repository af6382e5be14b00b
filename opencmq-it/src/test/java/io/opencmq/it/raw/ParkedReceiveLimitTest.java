package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(c -> c.withMaxParkedReceives(2));
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
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
