package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.MessageMoveTask.Status;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.opencmq.core.engine.EngineFixture.failure;
import static io.opencmq.core.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Message move tasks: dead letters back to their source queues, or to one destination. */
class MessageMoveTest {
    private final EngineFixture f = new EngineFixture();

    private void source(String name) {
        f.create(name, EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
    }

    @Test
    void deadLettersGoBackToTheQueuesTheyCameFromWithTheirAttributes() {
        f.create("dlq", null);
        source("a");
        source("b");
        f.broker.sendMessages("a", List.of(new OutgoingMessage("with-attrs".getBytes(StandardCharsets.UTF_8),
                new byte[]{1, 2, 3}, 0))).join();
        f.deadLetters("a", 20);
        f.deadLetters("b", 5);
        ReceivedMessage peek = f.broker.receive("dlq", 1, 0, 0).join().get(0);
        assertThat(peek.deadLetterSource()).isIn("a", "b");

        MessageMoveTask started = f.broker.startMessageMoveTask("dlq", null, null).join();
        assertThat(started.status()).isEqualTo(Status.RUNNING);
        assertThat(started.toMove()).isEqualTo(26);
        assertThat(failure(f.broker.startMessageMoveTask("dlq", null, null))).isEqualTo(ErrorReason.MOVE_TASK_NOT_ALLOWED);
        f.clock.advance(0);

        MessageMoveTask done = f.broker.listMessageMoveTasks("dlq", 10).get(0);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.moved()).isEqualTo(26);
        assertThat(f.attrs("dlq").activeMsgNum()).isZero();
        List<ReceivedMessage> backInA = f.receive("a", 16);
        backInA.addAll(f.receive("a", 16));
        assertThat(backInA).hasSize(21).allSatisfy(m -> assertThat(m.deadLetterSource()).isNull());
        assertThat(backInA).filteredOn(m -> text(m).equals("with-attrs")).singleElement()
                .satisfies(m -> assertThat(m.attributes()).containsExactly(1, 2, 3));
        assertThat(f.receive("b", 16)).hasSize(5);
    }

    @Test
    void aThrottledTaskCanBeCancelledAndOnlyMovesWhatWasThereWhenItStarted() {
        f.create("dlq", null);
        f.create("elsewhere", null);
        source("a");
        f.deadLetters("a", 10);
        MessageMoveTask task = f.broker.startMessageMoveTask("dlq", "elsewhere", 2).join();
        f.send("dlq", "arrived-later");
        f.clock.advance(0);
        f.clock.advanceSeconds(1);
        MessageMoveTask cancelled = f.broker.cancelMessageMoveTask(task.handle());
        assertThat(cancelled.status()).isEqualTo(Status.CANCELLING);
        f.clock.advanceSeconds(5);
        MessageMoveTask after = f.broker.listMessageMoveTasks("dlq", 1).get(0);
        assertThat(after.status()).isEqualTo(Status.CANCELLED);
        assertThat(after.moved()).isBetween(2L, 6L);
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(after.moved());
        assertThat(f.attrs("dlq").activeMsgNum()).isEqualTo(11 - after.moved());
        assertThat(failure(() -> f.broker.cancelMessageMoveTask(task.handle()))).isEqualTo(ErrorReason.MOVE_TASK_NOT_ALLOWED);

        // A new task to the same destination stops at the messages present at its start.
        MessageMoveTask rest = f.broker.startMessageMoveTask("dlq", "elsewhere", null).join();
        f.send("dlq", "after-second-start");
        f.clock.advance(0);
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).extracting(MessageMoveTask::handle)
                .containsExactly(rest.handle(), task.handle());
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(11);
        assertThat(text(f.receiveOne("dlq"))).isEqualTo("after-second-start");
    }

    @Test
    void aMessageWithoutASourceFailsTheTaskAndStaysPut() {
        f.create("dlq", null);
        source("a");
        f.send("dlq", "sent-directly");
        f.broker.startMessageMoveTask("dlq", null, null).join();
        f.clock.advance(0);
        MessageMoveTask task = f.broker.listMessageMoveTasks("dlq", 1).get(0);
        assertThat(task.status()).isEqualTo(Status.FAILED);
        assertThat(task.failureReason()).contains("no source queue");
        assertThat(text(f.receiveOne("dlq"))).isEqualTo("sent-directly");
    }

    @Test
    void fifoDeadLettersKeepTheirGroupAndOrderOnTheWayBack() {
        FifoPolicy fifo = FifoPolicy.PER_QUEUE;
        f.create("dlq.fifo", new QueueSettings(null, null, null, null, null, null, null, null, null, fifo));
        f.create("src.fifo", new QueueSettings(null, null, 10, null, null, null,
                new DeadLetterPolicy("dlq.fifo", 0, 1, 0), null, null, fifo));
        for (int i = 0; i < 3; i++) {
            f.broker.sendMessages("src.fifo", List.of(new OutgoingMessage(("m" + i).getBytes(StandardCharsets.UTF_8),
                    null, OutgoingMessage.QUEUE_DELAY, "g", "d" + i))).join();
        }
        assertThat(f.receive("src.fifo", 10)).hasSize(3);
        f.clock.advanceSeconds(11);
        assertThat(f.receive("src.fifo", 10)).isEmpty();
        f.broker.startMessageMoveTask("dlq.fifo", null, null).join();
        f.clock.advance(0);
        List<ReceivedMessage> back = f.receive("src.fifo", 10);
        assertThat(back).extracting(EngineFixture::text).containsExactly("m0", "m1", "m2");
        assertThat(back).allSatisfy(m -> assertThat(m.groupId()).isEqualTo("g"));
    }

    @Test
    void moveRulesAreEnforced() {
        f.create("dlq", null);
        f.create("plain", null);
        f.create("q.fifo", new QueueSettings(null, null, null, null, null, null, null, null, null, FifoPolicy.PER_QUEUE));
        source("a");
        assertThat(failure(f.broker.startMessageMoveTask("plain", null, null))).isEqualTo(ErrorReason.MOVE_TASK_NOT_ALLOWED);
        assertThat(failure(f.broker.startMessageMoveTask("missing", null, null))).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
        assertThat(failure(f.broker.startMessageMoveTask("dlq", "q.fifo", null))).isEqualTo(ErrorReason.QUEUE_KIND_MISMATCH);
        assertThat(failure(() -> f.broker.cancelMessageMoveTask("nope"))).isEqualTo(ErrorReason.MOVE_TASK_NOT_FOUND);
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).isEmpty();
    }
}
