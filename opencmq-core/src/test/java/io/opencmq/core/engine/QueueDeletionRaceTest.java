package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a queue while other work on it is in progress. */
class QueueDeletionRaceTest {
    private final EngineFixture f = new EngineFixture();

    /**
     * A housekeeping pass that holds a queue while it is being deleted writes (the queue's meta,
     * when it trims the last message) before DropQueue, never after it: the deleted queue does
     * not come back at the next start.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aQueueDeletedWhileHousekeepingTrimsItStaysDeleted() throws Exception {
        f.create("q", new QueueSettings(null, null, 30, null, 60, null, null));
        f.send("q", "expires");
        f.clock.advanceSeconds(59); // the periodic passes (ManualClock runs them) have not trimmed it yet
        assertThat(f.broker.getQueueAttributes("q").activeMsgNum()).isEqualTo(1);
        QueueEngine engine = f.broker.find("q");
        CompletableFuture<Void> deleted;
        Thread deleter;
        synchronized (engine) { // the housekeeping thread, inside q.housekeep(now)
            deleter = new Thread(() -> f.broker.deleteQueue("q").join());
            deleter.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Wait until deleteQueue has written DropQueue and blocks in engine.drop().
            while (deleter.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(deleter.getState()).isEqualTo(Thread.State.BLOCKED);
            assertThat(f.broker.find("q")).isNull();
            // The pass read the clock (T0 + 61 s) before taking the lock: retention trims the
            // only message, head reaches durable, seqFloor is written.
            engine.housekeep(f.clock.millis() + 2_000);
        }
        deleter.join(10_000);
        f.restart();
        assertThat(f.broker.find("q")).as("a deleted queue stays deleted after a restart").isNull();
        assertThat(EngineFixture.failure(() -> f.broker.getQueueAttributes("q"))).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
    }
}
