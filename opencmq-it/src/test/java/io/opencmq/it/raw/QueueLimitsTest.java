package io.opencmq.it.raw;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-queue capacity limits: maxMsgHeapNum (4410 once the queue holds that many messages,
 * locked ones included; the server is started with a low floor so a test can fill a queue),
 * maxMsgSize in bytes (4400), and the total size of one batch (4470).
 */
class QueueLimitsTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(c -> c.withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)));
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    @Test
    void fullQueueRefusesWith4410UntilAMessageIsDeleted() {
        RawQueue queue = RawQueue.create(raw, "limit-heap", "maxMsgHeapNum", "5");
        for (int i = 0; i < 5; i++) {
            queue.sendOk("m" + i);
        }
        String handle = queue.receive(0).assertOk().text("receiptHandle");

        Reply full = queue.send("one too many");
        Reply fullBatch = queue.batchSend(List.of("x", "y"));

        assertThat(full.code()).as("a locked message still counts: %s", full).isEqualTo(4410);
        assertThat(fullBatch.code()).isEqualTo(4410);
        Reply attrs = queue.attributes();
        assertThat(attrs.number("activeMsgNum") + attrs.number("inactiveMsgNum")).isEqualTo(5);

        queue.delete(handle).assertOk();
        assertThat(queue.send("room again").code()).isZero();
        assertThat(queue.send("full again").code()).isEqualTo(4410);
    }

    @Test
    void concurrentSendersNeverOverfillTheQueue() throws Exception {
        RawQueue queue = RawQueue.create(raw, "limit-heap-race", "maxMsgHeapNum", "50");
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        Reply r = queue.send("t" + thread + "-" + i);
                        if (r.ok()) {
                            accepted.incrementAndGet();
                        } else if (r.code() == 4410) {
                            refused.incrementAndGet();
                        } else {
                            throw new AssertionError("unexpected " + r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(accepted.get()).isEqualTo(50);
        assertThat(refused.get()).isEqualTo(70);
        assertThat(queue.attributes().number("activeMsgNum")).isEqualTo(50);
    }

    @Test
    void delayedMessagesCountTowardsTheLimit() {
        RawQueue queue = RawQueue.create(raw, "limit-heap-delay", "maxMsgHeapNum", "2");
        queue.send("later", 600).assertOk();
        queue.sendOk("now");

        assertThat(queue.send("third").code()).isEqualTo(4410);
    }

    @Test
    void messageLargerThanMaxMsgSizeIs4400() {
        RawQueue queue = RawQueue.create(raw, "limit-size", "maxMsgSize", "1024");

        Reply exact = queue.send("a".repeat(1024));
        Reply tooBig = queue.send("a".repeat(1025));
        Reply tooBigInBytes = queue.send("中".repeat(342));
        Reply inBatch = queue.batchSend(List.of("small", "b".repeat(1025)));

        assertThat(exact.code()).isZero();
        assertThat(tooBig.code()).isEqualTo(4400);
        assertThat(tooBigInBytes.code()).as("342 CJK characters are 1026 UTF-8 bytes").isEqualTo(4400);
        assertThat(inBatch.code()).isEqualTo(4400);
        assertThat(queue.attributes().number("activeMsgNum")).as("nothing of the refused batch was sent").isEqualTo(1);
    }

    @Test
    void loweringMaxMsgSizeAppliesToLaterSends() {
        RawQueue queue = RawQueue.create(raw, "limit-size-set");
        queue.sendOk("c".repeat(4000));

        queue.setAttributes("maxMsgSize", "2048").assertOk();

        assertThat(queue.send("c".repeat(4000)).code()).isEqualTo(4400);
        assertThat(queue.receive(0).assertOk().text("msgBody")).hasSize(4000);
    }

    @Test
    void batchLargerThanOneMebibyteInTotalIs4470() {
        RawQueue queue = RawQueue.create(raw, "limit-batch", "maxMsgSize", "1048576");
        // 2 x 520 KiB is over the 1 MiB batch limit yet under the server's request-size limit, so the batch rule answers.
        String body = "d".repeat(520 * 1024);

        Reply reply = queue.batchSend(List.of(body, body));

        assertThat(reply.code()).as("%s", reply.message()).isEqualTo(4470);
        assertThat(queue.attributes().number("activeMsgNum")).isZero();
    }
}
