package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Visibility semantics: a received message is invisible until its visibility timeout passes,
 * then receivable again with a new receipt handle; only the latest handle deletes (even after its
 * lock expired, until the message is received again), an older one fails with 4430.
 */
class VisibilityTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    /** Polls until the queue hands out a message again (bounded), returning that reply. */
    static Reply awaitRedelivery(RawQueue queue) {
        AtomicReference<Reply> got = new AtomicReference<>();
        await("redelivery after the lock expires").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Reply r = queue.receive(0);
                    got.set(r);
                    return r.ok();
                });
        return got.get();
    }

    @Test
    void lockedMessageIsInvisibleThenComesBackWithANewHandle() {
        RawQueue queue = RawQueue.create(raw, "vis-cycle", "visibilityTimeout", "2");
        String msgId = queue.sendOk("hide and seek");
        long start = System.nanoTime();

        Reply first = queue.receive(0).assertOk();
        Reply whileLocked = queue.receive(0);
        Reply attrs = queue.attributes();
        Reply second = awaitRedelivery(queue);
        Duration hidden = Duration.ofNanos(System.nanoTime() - start);

        assertThat(whileLocked.code()).isEqualTo(7000);
        assertThat(attrs.number("inactiveMsgNum")).isEqualTo(1);
        assertThat(attrs.number("activeMsgNum")).isZero();
        assertThat(hidden).as("hidden for about visibilityTimeout").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(second.text("msgId")).isEqualTo(msgId);
        assertThat(second.text("receiptHandle")).isNotEqualTo(first.text("receiptHandle"));
        assertThat(second.number("dequeueCount")).isEqualTo(2);
        assertThat(second.number("firstDequeueTime")).isEqualTo(first.number("firstDequeueTime"));
    }

    @Test
    void onlyTheLatestHandleDeletes() {
        RawQueue queue = RawQueue.create(raw, "vis-latest", "visibilityTimeout", "1");
        queue.sendOk("latest wins");
        String oldHandle = queue.receive(0).assertOk().text("receiptHandle");
        String newHandle = awaitRedelivery(queue).text("receiptHandle");

        Reply withOld = queue.delete(oldHandle);
        Reply withNew = queue.delete(newHandle);

        assertThat(withOld.code()).isEqualTo(4430);
        assertThat(withNew.code()).isZero();
        assertThat(queue.delete(newHandle).code()).as("a handle deletes once").isEqualTo(4430);
        Reply attrs = queue.attributes();
        assertThat(attrs.number("activeMsgNum") + attrs.number("inactiveMsgNum")).isZero();
    }

    @Test
    void handleOfAnExpiredLockDeletesUntilTheMessageIsReceivedAgain() throws InterruptedException {
        RawQueue queue = RawQueue.create(raw, "vis-expired", "visibilityTimeout", "1");
        queue.sendOk("too slow");
        queue.sendOk("slow too");
        String first = queue.receive(0).assertOk().text("receiptHandle");
        String second = queue.receive(0).assertOk().text("receiptHandle");

        // Nothing observable marks the expiry without consuming the message, so let the time pass.
        Thread.sleep(2500);

        // Nobody received the first message since: its handle still deletes it.
        queue.delete(first).assertOk();
        // The second is received again: its old handle no longer deletes.
        String again = queue.receive(0).assertOk().text("receiptHandle");
        assertThat(queue.delete(second).code()).isEqualTo(4430);
        queue.delete(again).assertOk();
    }

    @Test
    void visibilityTimeoutChangeAppliesToLaterReceives() {
        RawQueue queue = RawQueue.create(raw, "vis-change", "visibilityTimeout", "600");
        queue.sendOk("x");

        queue.setAttributes("visibilityTimeout", "1").assertOk();
        queue.receive(0).assertOk();

        assertThat(awaitRedelivery(queue).number("dequeueCount")).isEqualTo(2);
    }
}
