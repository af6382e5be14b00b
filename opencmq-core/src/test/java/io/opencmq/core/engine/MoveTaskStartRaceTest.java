package io.opencmq.core.engine;

import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.time.Clock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.opencmq.core.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/** A move task started while its source queue is being deleted. */
class MoveTaskStartRaceTest {
    private final EngineFixture f = new EngineFixture();

    /** The fixture's clock, plus a one-shot hook run on the next reading (to interleave a concurrent call). */
    private static final class HookClock implements Clock {
        private final Clock inner;
        private Runnable hook;

        HookClock(Clock inner) {
            this.inner = inner;
        }

        @Override
        public long millis() {
            Runnable h = hook;
            hook = null;
            if (h != null) {
                h.run();
            }
            return inner.millis();
        }
    }

    private List<MoveTaskRecord> records() {
        List<MoveTaskRecord> out = new ArrayList<>();
        f.store.loadNodeValues(MoveTaskRecord.KEY_PREFIX).forEach((k, v) -> out.add(MoveTaskRecord.decode(k, v)));
        return out;
    }

    /**
     * Broker.startMessageMoveTask looks the source queue up before MessageMoves.start takes its
     * lock; a deletion of the source in between must not leave a task (and a stored record)
     * that would, after a restart, move the messages of a new queue of the same name. The
     * interleaving is forced through the clock reading Broker takes between the two.
     */
    @Test
    void aStartRacingTheDeletionOfItsSourceLeavesNoRecordThatLaterMovesANewQueuesMessages() {
        f.create("dlq", null);
        f.create("elsewhere", null);
        f.create("a", EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
        f.deadLetters("a", 3);

        HookClock clock = new HookClock(f.clock);
        f.broker.close();
        f.broker = Broker.open(f.store, clock, f.clock, f.options, f.transport);
        clock.hook = () -> f.broker.deleteQueue("dlq").join(); // a concurrent DeleteQueue
        CompletableFuture<MessageMoveTask> start = f.broker.startMessageMoveTask("dlq", "elsewhere", null);
        assertThat(f.broker.find("dlq")).isNull(); // the delete ran in between

        // The name is reused for a new queue before the (scheduled) step ran; then the server restarts.
        f.create("dlq", null);
        f.send("dlq", "new-0");
        f.send("dlq", "new-1");
        f.restart();
        f.clock.advanceSeconds(5);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(f.attrs("elsewhere").activeMsgNum())
                .as("messages of the new queue dlq moved by a task of the deleted one (start %s)",
                        start.isCompletedExceptionally() ? "failed" : "succeeded")
                .isZero();
        soft.assertThat(f.attrs("dlq").activeMsgNum()).isEqualTo(2);
        soft.assertThat(f.broker.listMessageMoveTasks("dlq", 10))
                .as("tasks listed for the new queue dlq").isEmpty();
        soft.assertAll();
    }
}
