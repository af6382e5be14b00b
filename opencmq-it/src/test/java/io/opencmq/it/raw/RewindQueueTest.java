package io.opencmq.it.raw;

import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RewindQueue: with rewindSeconds &gt; 0, deleted messages stay rewindable (counted in
 * rewindMsgNum); rewinding to a time makes every message produced since then receivable again,
 * in production order, whatever order they were deleted in. Rewinding is refused when the
 * queue does not keep history or the time is outside the window.
 */
class RewindQueueTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** Receives {@code n} messages one by one (each must succeed), in delivery order. */
    static List<Reply> receiveAll(RawQueue queue, int n) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(queue.receive(0).assertOk());
        }
        return replies;
    }

    static Reply rewind(RawQueue queue, long startConsumeTime) {
        return queue.call("RewindQueue", "startConsumeTime", Long.toString(startConsumeTime));
    }

    @Test
    void deletedMessagesComeBackInProductionOrder() {
        RawQueue queue = RawQueue.create(raw, "rewind-order", "rewindSeconds", "3600");
        long start = nowSeconds() - 1;
        List<String> produced = List.of("m1", "m2", "m3", "m4", "m5");
        produced.forEach(queue::sendOk);
        List<Reply> received = receiveAll(queue, produced.size());
        for (Reply r : received.reversed()) {
            queue.delete(r.text("receiptHandle")).assertOk();
        }
        Reply beforeRewind = queue.attributes();
        assertThat(beforeRewind.number("rewindMsgNum")).isEqualTo(5);
        assertThat(beforeRewind.number("rewindmsgNum")).isEqualTo(5);
        assertThat(beforeRewind.number("activeMsgNum")).isZero();
        assertThat(queue.receive(0).code()).isEqualTo(7000);

        rewind(queue, start).assertOk();

        assertThat(queue.attributes().number("activeMsgNum")).isEqualTo(5);
        List<String> again = receiveAll(queue, produced.size()).stream().map(r -> r.text("msgBody")).toList();
        assertThat(again).containsExactlyElementsOf(produced);
        assertThat(queue.receive(0).code()).isEqualTo(7000);
    }

    @Test
    void rewindToAMomentSkipsWhatWasProducedBefore() {
        RawQueue queue = RawQueue.create(raw, "rewind-middle", "rewindSeconds", "3600");
        queue.sendOk("early-1");
        queue.sendOk("early-2");
        long sentEarly = nowSeconds();
        await().atMost(Duration.ofSeconds(5)).until(() -> nowSeconds() > sentEarly);
        long cut = nowSeconds();
        queue.sendOk("late-1");
        queue.sendOk("late-2");
        for (Reply r : receiveAll(queue, 4)) {
            queue.delete(r.text("receiptHandle")).assertOk();
        }

        rewind(queue, cut).assertOk();

        List<String> again = receiveAll(queue, 2).stream().map(r -> r.text("msgBody")).toList();
        assertThat(again).containsExactly("late-1", "late-2");
        assertThat(queue.receive(0).code()).isEqualTo(7000);
    }

    @Test
    void undeletedMessagesAreNotDuplicatedByARewind() {
        RawQueue queue = RawQueue.create(raw, "rewind-undeleted", "rewindSeconds", "3600");
        long start = nowSeconds() - 1;
        queue.sendOk("deleted");
        queue.sendOk("kept");
        queue.delete(queue.receive(0).assertOk().text("receiptHandle")).assertOk();

        rewind(queue, start).assertOk();

        List<String> bodies = new ArrayList<>();
        for (Reply r = queue.receive(0); r.ok(); r = queue.receive(0)) {
            bodies.add(r.text("msgBody"));
            assertThat(bodies).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(bodies).containsExactly("deleted", "kept");
    }

    @Test
    void rewindIsRefusedWhenTheQueueKeepsNoHistory() {
        RawQueue queue = RawQueue.create(raw, "rewind-off");

        Reply reply = rewind(queue, nowSeconds() - 1);

        assertThat(reply.code()).isEqualTo(6050);
    }

    @Test
    void rewindOutsideTheWindowIsRefused() {
        RawQueue queue = RawQueue.create(raw, "rewind-window", "rewindSeconds", "60");

        assertThat(rewind(queue, nowSeconds() - 3600).code()).as("before now - rewindSeconds").isEqualTo(4000);
        assertThat(rewind(queue, nowSeconds() + 3600).code()).as("in the future").isEqualTo(4000);
        assertThat(rewind(queue, nowSeconds() - 30).code()).as("inside the window").isZero();
    }

    @Test
    void rewindSecondsCannotExceedRetention() {
        Reply create = raw.call("CreateQueue", "queueName", QueueNames.unique("rewind-retention"),
                "msgRetentionSeconds", "60", "rewindSeconds", "120");
        RawQueue queue = RawQueue.create(raw, "rewind-set", "msgRetentionSeconds", "60");

        assertThat(create.code()).isEqualTo(4000);
        assertThat(queue.setAttributes("rewindSeconds", "120").code()).isEqualTo(4000);
        assertThat(queue.setAttributes("rewindSeconds", "60").code()).isZero();
    }
}
