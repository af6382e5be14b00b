package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.opencmq.core.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {
    private final EngineFixture f = new EngineFixture();

    @BeforeEach
    void queues() {
        f.create("dlq", null);
    }

    @Test
    void aMessageReceivedTooOftenMovesToTheDeadLetterQueue() {
        f.create("src", EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 2, 0)));
        f.send("src", "poison");
        f.receiveOne("src");
        f.clock.advanceSeconds(10);
        f.receiveOne("src");
        f.clock.advanceSeconds(10);
        assertThat(f.receive("src", 16)).isEmpty();
        assertThat(EngineFixture.text(f.receiveOne("dlq"))).isEqualTo("poison");
        assertThat(f.attrs("src").activeMsgNum() + f.attrs("src").inactiveMsgNum()).isZero();
    }

    @Test
    void aDeadLetterKeepsItsIdAndEnqueueTimeAndNamesItsSource() {
        f.create("src", EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
        long sentAt = f.clock.millis();
        String id = f.send("src", "poison");
        f.receiveOne("src");
        f.clock.advanceSeconds(11);
        assertThat(f.receive("src", 16)).isEmpty();
        var dead = f.receiveOne("dlq");
        assertThat(dead.msgId()).isEqualTo(id);
        assertThat(dead.enqueueTimeMillis()).isEqualTo(sentAt);
        assertThat(dead.deadLetterSource()).isEqualTo("src");
        // Moved back by a task, it is a new message of its source (as SQS documents).
        f.clock.advanceSeconds(30);
        f.broker.startMessageMoveTask("dlq", null, null).join();
        f.clock.advance(0);
        var back = f.receiveOne("src");
        assertThat(back.msgId()).isNotEqualTo(id);
        assertThat(back.deadLetterSource()).isNull();
        assertThat(back.enqueueTimeMillis()).isGreaterThan(sentAt);
    }

    @Test
    void aMessageNotConsumedInTimeMovesToTheDeadLetterQueue() {
        f.create("src", new QueueSettings(null, null, 10, null, 3_600, null, new DeadLetterPolicy("dlq", 1, 0, 300)));
        f.send("src", "stale");
        f.clock.advanceSeconds(300);
        assertThat(f.receive("src", 16)).isEmpty();
        assertThat(EngineFixture.text(f.receiveOne("dlq"))).isEqualTo("stale");
    }

    @Test
    void policyRulesAreEnforced() {
        assertThat(EngineFixture.failure(f.broker.createQueue("a", new QueueSettings(null, null, null, null, null, null,
                new DeadLetterPolicy("missing", 0, 3, 0))))).isEqualTo(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND);
        assertThat(EngineFixture.failure(f.broker.createQueue("a", new QueueSettings(null, null, null, null, null, null,
                new DeadLetterPolicy("dlq", 0, 0, 0))))).isEqualTo(ErrorReason.DEAD_LETTER_POLICY_INVALID);
        assertThat(EngineFixture.failure(f.broker.createQueue("a", new QueueSettings(null, null, null, null, 600, null,
                new DeadLetterPolicy("dlq", 1, 0, 600))))).isEqualTo(ErrorReason.DEAD_LETTER_POLICY_INVALID);
        f.create("src", QueueSettings.NONE.withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 3, 0)));
        // no nesting: a dead-letter queue cannot have one, a source cannot be one
        f.create("other", null);
        assertThat(EngineFixture.failure(f.broker.setQueueAttributes("dlq",
                QueueSettings.NONE.withDeadLetterPolicy(new DeadLetterPolicy("other", 0, 3, 0)))))
                .isEqualTo(ErrorReason.DEAD_LETTER_POLICY_INVALID);
        assertThat(EngineFixture.failure(f.broker.setQueueAttributes("other",
                QueueSettings.NONE.withDeadLetterPolicy(new DeadLetterPolicy("src", 0, 3, 0)))))
                .isEqualTo(ErrorReason.DEAD_LETTER_POLICY_INVALID);
        // at most six sources
        for (int i = 0; i < 5; i++) {
            f.create("s" + i, QueueSettings.NONE.withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 3, 0)));
        }
        assertThat(EngineFixture.failure(f.broker.createQueue("s9",
                QueueSettings.NONE.withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 3, 0)))))
                .isEqualTo(ErrorReason.DEAD_LETTER_POLICY_INVALID);
        assertThat(f.broker.listDeadLetterSourceQueues("dlq", null, 0, 50).totalCount()).isEqualTo(6);
        assertThat(f.broker.listDeadLetterSourceQueues("dlq", "s", 0, 2).queues()).hasSize(2);

        f.broker.unbindDeadLetterQueue("src").join();
        assertThat(f.broker.getQueueAttributes("src").config().deadLetterPolicy()).isNull();
        assertThat(f.broker.listDeadLetterSourceQueues("dlq", null, 0, 50).totalCount()).isEqualTo(5);
        assertThat(EngineFixture.failure(f.broker.unbindDeadLetterQueue("src"))).isEqualTo(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND);
    }

    /**
     * Contract: "Futures are completed after the lock is released." A dead-lettering move
     * (advance → moveToDeadLetter → acceptDeadLetter) attaches whenComplete to the write while
     * still holding the SOURCE queue's monitor; when the write is already complete (always with
     * the memory store, a race with RocksDB's completer), the DLQ's completeAppend — and the
     * completion of the DLQ's parked receives, i.e. user continuations — runs under that monitor.
     */
    @Test
    void aParkedDeadLetterReceiveIsNotCompletedUnderTheSourceQueueLock() {
        f.create("src", EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
        f.send("src", "m");
        f.receiveOne("src");
        QueueEngine source = f.broker.find("src");
        AtomicReference<Boolean> heldSourceLock = new AtomicReference<>();
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("dlq", 1, 20);
        parked.thenRun(() -> heldSourceLock.set(Thread.holdsLock(source)));
        f.clock.advanceSeconds(11);
        assertThat(f.receive("src", 1)).isEmpty(); // expires the lock and dead-letters the message
        f.clock.advance(0); // parked receivers are completed from the scheduler
        assertThat(text(parked.join().get(0))).isEqualTo("m");
        assertThat(heldSourceLock.get()).isFalse();
    }
}
