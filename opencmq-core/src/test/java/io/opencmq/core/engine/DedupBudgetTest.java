package io.opencmq.core.engine;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The node-wide budget of FIFO deduplication ids when expired ids are still to be forgotten. */
class DedupBudgetTest {

    private static QueueSettings fifo() {
        return new QueueSettings(null, null, 30, null, null, null, null, null, null, FifoPolicy.PER_QUEUE);
    }

    private static OutgoingMessage message(String dedup) {
        return new OutgoingMessage(dedup.getBytes(StandardCharsets.UTF_8), null, OutgoingMessage.QUEUE_DELAY, "g", dedup);
    }

    /**
     * A batch that fits the budget once this queue's expired ids are forgotten is stored: the
     * batch's own new ids, reported to the budget when expired ids are forgotten mid-batch,
     * are not counted twice.
     */
    @Test
    void aBatchThatFitsOnceExpiredIdsAreForgottenIsNotThrottled() {
        EngineFixture f = new EngineFixture(BrokerOptions.defaults()
                .withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)).withMaxDedupIds(2));
        f.create("q.fifo", fifo());
        // Off the housekeeping beat (every whole second), so that the id is expired but not yet
        // forgotten when the batch comes.
        f.clock.advance(500);
        f.broker.sendMessages("q.fifo", List.of(message("old"))).join();
        f.clock.advance(300_000 + 200); // "old" expired 200 ms ago; housekeeping runs next at +800 ms

        // Budget 2: "old" is expired, so the two new ids fit.
        List<SentMessage> sent = f.broker.sendMessages("q.fifo", List.of(message("a"), message("b"))).join();
        assertThat(sent).hasSize(2);
    }

    /** The same with a full budget: three new ids fit a budget of three once two expired ones go. */
    @Test
    void aBatchFillingTheBudgetIsStoredOnceExpiredIdsAreForgotten() {
        EngineFixture f = new EngineFixture(BrokerOptions.defaults()
                .withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)).withMaxDedupIds(3));
        f.create("q.fifo", fifo());
        f.clock.advance(500);
        f.broker.sendMessages("q.fifo", List.of(message("old1"), message("old2"))).join();
        f.clock.advance(300_000 + 200);

        // Budget 3, two expired ids remembered: a batch of three new ids fits once they go.
        List<OutgoingMessage> batch = new ArrayList<>(List.of(message("a"), message("b"), message("c")));
        List<SentMessage> sent = f.broker.sendMessages("q.fifo", batch).join();
        assertThat(sent).hasSize(3);
    }
}
