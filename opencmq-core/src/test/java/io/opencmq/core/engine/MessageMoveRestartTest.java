package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.MessageMoveTask.Status;
import io.opencmq.core.spi.Mutation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.opencmq.core.engine.EngineFixture.failure;
import static io.opencmq.core.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Message move tasks are recorded in the store and survive a restart. */
class MessageMoveRestartTest {
    private final EngineFixture f = new EngineFixture();

    private void setUp(int deadLetters) {
        f.create("dlq", null);
        f.create("elsewhere", null);
        f.create("a", EngineFixture.visibility(10).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
        f.deadLetters("a", deadLetters);
    }

    private List<MoveTaskRecord> records() {
        List<MoveTaskRecord> out = new ArrayList<>();
        f.store.loadNodeValues(MoveTaskRecord.KEY_PREFIX).forEach((k, v) -> out.add(MoveTaskRecord.decode(k, v)));
        return out;
    }

    @Test
    void aRunningTaskResumesAfterARestartAndCompletes() {
        setUp(10);
        MessageMoveTask task = f.broker.startMessageMoveTask("dlq", "elsewhere", 2).join();
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.handle()).isEqualTo(task.handle());
            assertThat(r.status()).isEqualTo(Status.RUNNING);
            assertThat(r.toMove()).isEqualTo(10);
        });
        f.send("dlq", "arrived-later");
        f.clock.advance(0);
        f.clock.advanceSeconds(1);
        long movedBefore = f.attrs("elsewhere").activeMsgNum();
        assertThat(movedBefore).isBetween(2L, 6L);
        assertThat(records().get(0).moved()).isPositive().isLessThanOrEqualTo(movedBefore); // progress is saved

        f.restart();
        MessageMoveTask resumed = f.broker.listMessageMoveTasks("dlq", 10).get(0);
        assertThat(resumed.handle()).isEqualTo(task.handle());
        assertThat(resumed.status()).isEqualTo(Status.RUNNING);
        assertThat(resumed.startedAt()).isEqualTo(task.startedAt());
        assertThat(failure(f.broker.startMessageMoveTask("dlq", null, null))).isEqualTo(ErrorReason.MOVE_TASK_NOT_ALLOWED);
        f.clock.advanceSeconds(10);

        MessageMoveTask done = f.broker.listMessageMoveTasks("dlq", 10).get(0);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.toMove()).isEqualTo(10);
        assertThat(done.moved()).isEqualTo(10);
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(10);
        // The seq limit still holds after the restart: what arrived after the start stays.
        assertThat(text(f.receiveOne("dlq"))).isEqualTo("arrived-later");
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void aFinishedTaskIsListedAfterARestart() {
        setUp(3);
        MessageMoveTask task = f.broker.startMessageMoveTask("dlq", "elsewhere", null).join();
        f.clock.advance(0);
        MessageMoveTask done = f.broker.listMessageMoveTasks("dlq", 10).get(0);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);

        f.restart();
        f.clock.advanceSeconds(2);
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).containsExactly(done);
        assertThat(done.handle()).isEqualTo(task.handle());
        assertThat(failure(() -> f.broker.cancelMessageMoveTask(task.handle()))).isEqualTo(ErrorReason.MOVE_TASK_NOT_ALLOWED);
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(3);
    }

    @Test
    void aCancelRequestedBeforeARestartEndsCancelled() {
        setUp(10);
        MessageMoveTask task = f.broker.startMessageMoveTask("dlq", "elsewhere", 2).join();
        f.clock.advance(0);
        assertThat(f.broker.cancelMessageMoveTask(task.handle()).status()).isEqualTo(Status.CANCELLING);
        assertThat(records().get(0).status()).isEqualTo(Status.CANCELLING);

        f.restart();
        MessageMoveTask after = f.broker.listMessageMoveTasks("dlq", 10).get(0);
        assertThat(after.status()).isEqualTo(Status.CANCELLED);
        assertThat(records().get(0).status()).isEqualTo(Status.CANCELLED);
        f.clock.advanceSeconds(10);
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(2);
        assertThat(f.attrs("dlq").activeMsgNum()).isEqualTo(8);
        // A new task may start: none is running.
        f.broker.startMessageMoveTask("dlq", "elsewhere", null).join();
        f.clock.advance(0);
        assertThat(f.attrs("elsewhere").activeMsgNum()).isEqualTo(10);
    }

    @Test
    void onlyTheLastTenTasksOfASourceAreKeptAcrossRestarts() {
        setUp(0);
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handles.add(0, f.broker.startMessageMoveTask("dlq", null, null).join().handle());
            f.clock.advance(0);
        }
        f.restart();
        for (int i = 0; i < 6; i++) {
            handles.add(0, f.broker.startMessageMoveTask("dlq", null, null).join().handle());
            f.clock.advance(0);
        }
        List<String> newestTen = handles.subList(0, 10);
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).extracting(MessageMoveTask::handle)
                .containsExactlyElementsOf(newestTen);
        assertThat(records()).hasSize(10).extracting(MoveTaskRecord::handle).containsExactlyInAnyOrderElementsOf(newestTen);
        f.restart();
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).extracting(MessageMoveTask::handle)
                .containsExactlyElementsOf(newestTen);
        assertThat(f.broker.listMessageMoveTasks("dlq", 3)).extracting(MessageMoveTask::handle)
                .containsExactlyElementsOf(handles.subList(0, 3));
        assertThat(failure(() -> f.broker.cancelMessageMoveTask(handles.get(11)))).isEqualTo(ErrorReason.MOVE_TASK_NOT_FOUND);
    }

    @Test
    void deletingTheSourceQueueDeletesItsTasks() {
        setUp(10);
        f.broker.startMessageMoveTask("dlq", "elsewhere", null).join();
        f.clock.advance(0);
        MessageMoveTask running = f.broker.startMessageMoveTask("dlq", "elsewhere", 1).join();
        f.send("dlq", "x");
        assertThat(records()).hasSize(2);

        f.broker.deleteQueue("dlq").join();
        assertThat(records()).isEmpty();
        f.clock.advanceSeconds(5); // the running task stops without writing its record again
        assertThat(records()).isEmpty();
        assertThat(failure(() -> f.broker.cancelMessageMoveTask(running.handle()))).isEqualTo(ErrorReason.MOVE_TASK_NOT_FOUND);

        f.create("dlq", null);
        f.send("dlq", "new");
        f.clock.advanceSeconds(5);
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).isEmpty();
        assertThat(text(f.receiveOne("dlq"))).isEqualTo("new"); // the old task did not move from the new queue
        f.restart();
        assertThat(f.broker.listMessageMoveTasks("dlq", 10)).isEmpty();
    }

    @Test
    void aRecordWhoseSourceQueueIsGoneFailsAtRecovery() {
        setUp(0);
        MoveTaskRecord orphan = new MoveTaskRecord(77, "orphan", "gone", null, null, Status.RUNNING, 4, 1,
                EngineFixture.T0, 9, null);
        f.store.write(List.of(new Mutation.PutNodeValue(orphan.key(), orphan.encode()))).join();
        f.restart();
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.failureReason()).contains("gone");
        });
        // The next task is numbered after it.
        f.broker.startMessageMoveTask("dlq", null, null).join();
        assertThat(records()).extracting(MoveTaskRecord::ordinal).containsExactly(77L, 78L);
    }
}
