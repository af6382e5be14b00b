package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long polling: a receive with pollingWaitSeconds waits for a message and returns as soon as a
 * send arrives (well before the wait ends); an empty long poll answers 7000 after about the
 * wait; the queue's pollingWaitSeconds applies when the request does not say.
 */
class LongPollTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;
    static ExecutorService pool;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
        pool = Executors.newFixedThreadPool(4);
    }

    /** JUnit runs this before the extension's afterAll, so the pool stops before the server does. */
    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A reply and how long the call took. */
    record Timed(Reply reply, Duration took) {
    }

    static CompletableFuture<Timed> receiveAsync(RawQueue queue, int waitSeconds) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Reply r = queue.receive(waitSeconds);
            return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
        }, pool);
    }

    @Test
    void waitingReceiveReturnsAsSoonAsAMessageIsSent() throws Exception {
        RawQueue queue = RawQueue.create(raw, "poll-wake");

        CompletableFuture<Timed> waiting = receiveAsync(queue, 5);
        Thread.sleep(700);
        queue.sendOk("wake up");
        Timed got = waiting.get(20, TimeUnit.SECONDS);

        assertThat(got.reply().assertOk().text("msgBody")).isEqualTo("wake up");
        assertThat(got.took()).as("returned on the send, not at the end of the 5 s wait")
                .isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void waitingBatchReceiveIsWokenToo() throws Exception {
        RawQueue queue = RawQueue.create(raw, "poll-wake-batch");

        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> queue.batchReceive(16, 5), pool);
        Thread.sleep(700);
        long sentAt = System.nanoTime();
        queue.batchSend(List.of("b1", "b2")).assertOk();
        Reply got = waiting.get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofMillis(3500));
        assertThat(got.assertOk().array("msgInfoList")).isNotEmpty();
    }

    @Test
    void emptyLongPollAnswers7000AfterAboutTheWait() {
        RawQueue queue = RawQueue.create(raw, "poll-empty");
        long start = System.nanoTime();

        Reply reply = queue.receive(3);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.code()).isEqualTo(7000);
        assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(10));
    }

    @Test
    void queueDefaultWaitAppliesWhenTheRequestDoesNotSay() {
        RawQueue queue = RawQueue.create(raw, "poll-default", "pollingWaitSeconds", "2");
        long start = System.nanoTime();

        Reply reply = queue.call("ReceiveMessage");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.code()).isEqualTo(7000);
        assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
    }

    @Test
    void zeroWaitOverridesTheQueueDefault() {
        RawQueue queue = RawQueue.create(raw, "poll-zero", "pollingWaitSeconds", "10");
        long start = System.nanoTime();

        Reply reply = queue.receive(0);

        assertThat(reply.code()).isEqualTo(7000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void eachWaitingConsumerGetsADifferentMessage() throws Exception {
        RawQueue queue = RawQueue.create(raw, "poll-fanout");
        List<CompletableFuture<Timed>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(receiveAsync(queue, 10));
        }
        Thread.sleep(700);

        queue.batchSend(List.of("x", "y", "z")).assertOk();
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<Timed> w : waiting) {
            Timed got = w.get(20, TimeUnit.SECONDS);
            bodies.add(got.reply().assertOk().text("msgBody"));
            assertThat(got.took()).isLessThan(Duration.ofSeconds(8));
        }

        assertThat(bodies).containsExactlyInAnyOrder("x", "y", "z");
    }
}
