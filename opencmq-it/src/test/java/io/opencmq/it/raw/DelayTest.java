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
 * delaySeconds: a delayed message is invisible (and counted in delayMsgNum, not activeMsgNum)
 * until it is due, then receivable like any other; a batch shares one delay; a long poll is
 * woken when a delayed message becomes due.
 */
class DelayTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    @Test
    void delayedMessageIsHiddenAndCountedUntilDue() {
        RawQueue queue = RawQueue.create(raw, "delay-single");
        long sentAt = System.nanoTime();
        queue.send("in three seconds", 3).assertOk();
        queue.sendOk("right now");

        Reply attrs = queue.attributes();
        assertThat(attrs.number("delayMsgNum")).isEqualTo(1);
        assertThat(attrs.number("activeMsgNum")).isEqualTo(1);
        assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("right now");
        assertThat(queue.receive(0).code()).as("the delayed one is not due yet").isEqualTo(7000);

        AtomicReference<Reply> got = new AtomicReference<>();
        await("delayed message due").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    got.set(queue.receive(0));
                    return got.get().ok();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(got.get().text("msgBody")).isEqualTo("in three seconds");
        assertThat(queue.attributes().number("delayMsgNum")).isZero();
    }

    @Test
    void batchSharesOneDelay() {
        RawQueue queue = RawQueue.create(raw, "delay-batch");

        queue.call("BatchSendMessage", "msgBody.1", "d1", "msgBody.2", "d2", "delaySeconds", "600").assertOk();

        Reply attrs = queue.attributes();
        assertThat(attrs.number("delayMsgNum")).isEqualTo(2);
        assertThat(attrs.number("activeMsgNum")).isZero();
        assertThat(queue.batchReceive(16, 0).code()).isEqualTo(7000);
    }

    @Test
    void longPollIsWokenWhenADelayedMessageBecomesDue() {
        RawQueue queue = RawQueue.create(raw, "delay-poll");
        queue.send("soon", 2).assertOk();
        long start = System.nanoTime();

        Reply reply = queue.receive(10);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.assertOk().text("msgBody")).isEqualTo("soon");
        assertThat(took).isBetween(Duration.ofMillis(1000), Duration.ofSeconds(8));
    }

    @Test
    void delayedMessagesComeDueIndependently() {
        RawQueue queue = RawQueue.create(raw, "delay-many");
        queue.send("long", 600).assertOk();
        queue.send("short", 1).assertOk();

        AtomicReference<Reply> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    got.set(queue.receive(0));
                    return got.get().ok();
                });

        assertThat(got.get().text("msgBody")).isEqualTo("short");
        assertThat(queue.attributes().number("delayMsgNum")).isEqualTo(1);
    }
}
