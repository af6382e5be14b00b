package io.opencmq.core.engine;

import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.MessageMoveTask;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIFO corner cases found in review: a lowered queue delay, a changed deduplication scope,
 * retention shorter than the deduplication window, moved-back messages and restarts.
 */
class FifoEdgeCaseTest {
    private final EngineFixture f = new EngineFixture();

    private static QueueSettings fifo(boolean perGroup, int visibility) {
        return new QueueSettings(null, null, visibility, null, null, null, null, null, null, new FifoPolicy(perGroup));
    }

    private static QueueSettings fifoWithDelay(int delaySeconds) {
        return new QueueSettings(null, null, 30, null, null, null, null, delaySeconds, null, FifoPolicy.PER_QUEUE);
    }

    private SentMessage send(String queue, String group, String dedup, String body) {
        return f.broker.sendMessages(queue, List.of(new OutgoingMessage(body.getBytes(StandardCharsets.UTF_8), null,
                OutgoingMessage.QUEUE_DELAY, group, dedup))).join().get(0);
    }

    /**
     * FIFO order: a message still waiting for its (queue) delay does not block its group. The
     * scan passes over it (visibleAt > now) and windows the group's later messages; SQS's only
     * delay for FIFO is the queue's, and SetQueueAttributes(DelaySeconds) lowers it at any time.
     */
    @Test
    void fifoGroupOrderHoldsWhenTheQueueDelayIsLowered() {
        f.create("q.fifo", fifoWithDelay(60));
        send("q.fifo", "g", "1", "g1"); // visible at +60 s
        f.broker.setQueueAttributes("q.fifo", fifoWithDelay(0)).join();
        send("q.fifo", "g", "2", "g2"); // visible now
        List<ReceivedMessage> got = f.receive("q.fifo", 10);
        // g2 must not be delivered while g1, earlier in the same group, has not been.
        assertThat(got).extracting(EngineFixture::text).doesNotContain("g2");
    }

    /**
     * Dedup hole: DeduplicationScope is mutable (SetQueueAttributes), but the dedup map's keys
     * were built with the old scope ("d" vs "g\0d"), so a duplicate with the SAME group and the
     * SAME id — a duplicate under either scope — is stored twice.
     */
    @Test
    void aDuplicateIsDeduplicatedAfterTheDeduplicationScopeChanged() {
        f.create("q.fifo", fifo(false, 30));
        SentMessage first = send("q.fifo", "g", "d", "one");
        f.broker.setQueueAttributes("q.fifo", fifo(true, 30)).join();
        SentMessage dup = send("q.fifo", "g", "d", "one (retry)");
        assertThat(dup).isEqualTo(first);
    }

    /**
     * False duplicate (silent drop): the per-group key is group + '\0' + dedupId, and neither the
     * core (checkId: length only) nor the SQS layer restricts the characters, so two different
     * (group, id) pairs map to one key and the second message is never stored.
     */
    @Test
    void perGroupDeduplicationKeysDoNotCollide() {
        f.create("q.fifo", fifo(true, 30));
        SentMessage a = send("q.fifo", "a\u0000b", "c", "first");
        SentMessage b = send("q.fifo", "a", "b\u0000c", "second");
        assertThat(b).isNotEqualTo(a);
    }

    /**
     * Dedup hole across a restart: retention (minimum 60 s) trims the head regardless of the
     * five-minute deduplication window, so rebuildDedup finds nothing; before the restart the
     * same duplicate is suppressed, after it the duplicate is stored.
     */
    @Test
    void deduplicationSurvivesARestartEvenWhenRetentionIsShorterThanFiveMinutes() {
        f.create("q.fifo", new QueueSettings(null, null, 30, null, 60, null, null, null, null, FifoPolicy.PER_QUEUE));
        SentMessage first = send("q.fifo", "g", "d", "one");
        f.clock.advanceSeconds(30);
        send("q.fifo", "g", "k", "keeps the queue non-empty on disk");
        f.clock.advanceSeconds(31);
        f.broker.housekeep(); // retention drops seq 0 only
        assertThat(send("q.fifo", "g", "d", "one (retry 1)")).isEqualTo(first); // still deduplicated in memory
        f.restart();
        assertThat(send("q.fifo", "g", "d", "one (retry 2)")).isEqualTo(first); // fails: stored as a new message
    }

    /**
     * Dedup divergence: a message moved back by a move task keeps its dedup id in its envelope
     * (MessageMover.moveTo) and is not a dead letter any more, so rebuildDedup registers it,
     * though at runtime prepareMoved never does. After a restart, a NEW message whose dedup id
     * was last used more than five minutes ago is silently dropped as a "duplicate".
     */
    @Test
    void aMovedBackMessageDoesNotResurrectAnExpiredDeduplicationIdAfterARestart() {
        FifoPolicy fifo = FifoPolicy.PER_QUEUE;
        f.create("dlq.fifo", new QueueSettings(null, null, null, null, null, null, null, null, null, fifo));
        f.create("src.fifo", new QueueSettings(null, null, 10, null, null, null,
                new DeadLetterPolicy("dlq.fifo", 0, 1, 0), null, null, fifo));
        send("src.fifo", "g", "d", "original");
        assertThat(f.receive("src.fifo", 10)).hasSize(1);
        f.clock.advanceSeconds(11);
        assertThat(f.receive("src.fifo", 10)).isEmpty(); // dead-lettered
        f.clock.advanceSeconds(360); // the dedup id "d" has expired
        f.broker.housekeep();
        f.broker.startMessageMoveTask("dlq.fifo", null, null).join();
        f.clock.advance(0);
        assertThat(f.broker.listMessageMoveTasks("dlq.fifo", 1).get(0).status()).isEqualTo(MessageMoveTask.Status.COMPLETED);

        f.restart();
        SentMessage fresh = send("src.fifo", "g", "d", "a new message");
        List<ReceivedMessage> got = f.receive("src.fifo", 10);
        // Without the restart "a new message" is stored; after it, it is answered with the
        // moved copy's id and never stored.
        assertThat(got).extracting(EngineFixture::text).contains("a new message");
    }

    /**
     * Seq (and so msgId and the SQS SequenceNumber) reuse after a restart: when retention (or
     * the deleted-prefix trim, whenever the queue ends on a 1,024 boundary) has removed every
     * message from disk, recover() sets next = max(lastSeq + 1, seqFloor) = seqFloor, so the
     * next send gets seq 0 again and the same UUID-shaped id as a message already delivered.
     * QueueEngine.msgId's comment says "seqs never repeat within a queue".
     */
    @Test
    void sequenceNumbersAndIdsNeverRepeatAcrossARestart() {
        f.create("q.fifo", new QueueSettings(null, null, 30, null, 60, null, null, null, null, FifoPolicy.PER_QUEUE));
        SentMessage first = send("q.fifo", "g", "d1", "one");
        f.clock.advanceSeconds(61);
        f.broker.housekeep(); // retention drops the only message
        f.restart();
        SentMessage second = send("q.fifo", "g", "d2", "two");
        assertThat(second.sequenceNumber()).isGreaterThan(first.sequenceNumber());
        assertThat(second.msgId()).isNotEqualTo(first.msgId());
    }

    /**
     * Retention on a FIFO queue whose messages are kept on disk for deduplication: an expired
     * message is gone for consumers, also after a restart, and its group flows again.
     */
    @Test
    void aMessagePastRetentionIsNotDeliveredThoughKeptForDeduplication() {
        f.create("q.fifo", new QueueSettings(null, null, 30, null, 60, null, null, null, null, FifoPolicy.PER_QUEUE));
        send("q.fifo", "g", "1", "locked when it expires");
        send("q.fifo", "h", "2", "never received");
        assertThat(f.receive("q.fifo", 1)).extracting(EngineFixture::text).containsExactly("locked when it expires");
        f.clock.advanceSeconds(20);
        send("q.fifo", "g", "3", "young");
        f.clock.advanceSeconds(41);
        f.broker.housekeep();
        assertThat(f.receive("q.fifo", 10)).extracting(EngineFixture::text).containsExactly("young");
        assertThat(f.broker.getQueueAttributes("q.fifo").activeMsgNum()).isZero();
        f.restart();
        assertThat(f.receive("q.fifo", 10)).extracting(EngineFixture::text).containsExactly("young");
        assertThat(send("q.fifo", "h", "2", "retry")).isNotNull();
        assertThat(f.receive("q.fifo", 10)).as("deduplicated: the retry is not stored").isEmpty();
    }
}
