package io.opencmq.core.engine;

import io.opencmq.core.delivery.MessageEnvelope;
import io.opencmq.core.error.ErrorReason;
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
        return f.sendFifo(queue, group, dedup, body);
    }

    /**
     * FIFO order: a message waiting for the queue's delay still comes before its group's later
     * messages after SetQueueAttributes lowered the delay (visibleAt never decreases).
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
        f.clock.advanceSeconds(60);
        assertThat(f.receive("q.fifo", 10)).extracting(EngineFixture::text).containsExactly("g1", "g2");
    }

    /**
     * A changed DeduplicationScope applies to the ids already remembered: a duplicate under
     * both scopes stays one.
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
     * Per-group keys cannot collide: ids may hold any character, so the key is length-prefixed.
     */
    @Test
    void perGroupDeduplicationKeysDoNotCollide() {
        f.create("q.fifo", fifo(true, 30));
        SentMessage a = send("q.fifo", "a\u0000b", "c", "first");
        SentMessage b = send("q.fifo", "a", "b\u0000c", "second");
        assertThat(b).isNotEqualTo(a);
    }

    /**
     * Deduplication survives a restart even when retention (minimum 60 s) is shorter than the
     * five-minute window: expired messages stay on disk, deleted, until five minutes old.
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
     * A message moved back by a move task was never sent to its queue: after a restart its
     * deduplication id does not swallow a new message that reuses an id older than five minutes.
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
     * Seqs (and so message ids and SequenceNumbers) never repeat across a restart, even when
     * retention removed every message from disk (seqFloor is persisted).
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

    private static QueueSettings fifo(boolean perGroup) {
        return fifo(perGroup, 30);
    }

    /**
     * A purge forgets the delay floor: messages sent after purging a delayed message are not
     * held back by it (and behave the same before and after a restart).
     */
    @Test
    void aPurgedDelayedMessageDoesNotHoldBackMessagesSentAfterThePurge() {
        f.create("q.fifo", fifoWithDelay(900));
        send("q.fifo", "g", "1", "delayed 15 minutes, then purged");
        f.broker.setQueueAttributes("q.fifo", fifoWithDelay(0)).join();
        f.broker.purgeQueue("q.fifo").join();
        send("q.fifo", "h", "2", "sent after the purge, no delay");
        assertThat(f.broker.getQueueAttributes("q.fifo").delayMsgNum()).isZero();
        assertThat(f.receive("q.fifo", 10)).extracting(EngineFixture::text)
                .containsExactly("sent after the purge, no delay");
    }

    /**
     * Data of earlier versions: a dead letter stored before origins were recorded has only its
     * source queue in the envelope; it must not deduplicate new messages of the dead-letter
     * queue after a restart.
     */
    @Test
    void aDeadLetterWrittenBeforeOriginsExistedDoesNotDeduplicateAfterARestart() {
        f.create("dlq.fifo", fifo(false));
        QueueEngine dlq = f.broker.find("dlq.fifo");
        byte[] oldFormat = new MessageEnvelope("g", "d", "src.fifo", null).encode(); // flags GROUP|DEDUP|SOURCE
        dlq.appendMoved(List.of(new QueueEngine.Entry("dead letter".getBytes(StandardCharsets.UTF_8), oldFormat, 0, "g")),
                f.clock.millis()).join();
        f.restart();
        SentMessage fresh = send("dlq.fifo", "g", "d", "a new message");
        assertThat(fresh.sequenceNumber()).as("stored as a new message").isEqualTo(1);
        assertThat(f.receive("dlq.fifo", 10)).extracting(EngineFixture::text)
                .containsExactly("dead letter", "a new message");
    }

    /**
     * After a scope change from per group to per queue, the oldest copy of an id answers a
     * duplicate, before a restart and after it alike.
     */
    @Test
    void theCopyThatAnswersADuplicateAfterAScopeChangeIsTheSameAcrossARestart() {
        f.create("q.fifo", fifo(true));
        SentMessage oldest = send("q.fifo", "g1", "d", "first, group g1");
        send("q.fifo", "g2", "d", "second, group g2");
        f.broker.setQueueAttributes("q.fifo", fifo(false)).join();
        assertThat(send("q.fifo", "g3", "d", "retry 1")).isEqualTo(oldest);
        f.restart();
        assertThat(send("q.fifo", "g3", "d", "retry 2")).isEqualTo(oldest);
    }

    /**
     * Rewind never brings back a message past retention, not even right after a restart, when
     * a FIFO queue still keeps it on disk for deduplication.
     */
    @Test
    void aMessagePastRetentionStaysGoneWhenAFifoQueueIsRewoundAfterARestart() {
        f.create("q.fifo", new QueueSettings(null, null, 30, null, 60, 60, null, null, null, FifoPolicy.PER_QUEUE));
        send("q.fifo", "g", "1", "expired");
        f.clock.advance(60_000); // the pass at T0 + 60 s expires it (kept on disk, acked)
        assertThat(f.broker.getQueueAttributes("q.fifo").activeMsgNum()).isZero();
        f.clock.advance(500);
        long start = f.clock.millis() - 60_000 - 999; // the earliest start rewind accepts
        f.broker.rewindQueue("q.fifo", start).join();
        assertThat(f.receive("q.fifo", 10)).as("before the restart").isEmpty();
        f.restart();
        f.broker.rewindQueue("q.fifo", start).join();
        assertThat(f.receive("q.fifo", 10)).as("after the restart").extracting(EngineFixture::text).isEmpty();
    }

    /** Expired messages kept for deduplication leave the disk once five minutes old, even on an idle queue. */
    @Test
    void expiredMessagesKeptForDeduplicationAreRemovedOnceFiveMinutesOld() {
        f.create("q.fifo", new QueueSettings(null, null, 30, null, 60, null, null, null, null, FifoPolicy.PER_QUEUE));
        send("q.fifo", "g", "1", "one");
        send("q.fifo", "g", "2", "two");
        long queueId = f.broker.find("q.fifo").id();
        f.clock.advanceSeconds(61);
        f.broker.housekeep();
        assertThat(f.store.readMessage(queueId, 0)).as("kept, deleted, for deduplication").isNotNull();
        f.clock.advanceSeconds(240);
        f.broker.housekeep();
        assertThat(f.store.readMessage(queueId, 0)).isNull();
        assertThat(f.store.readMessage(queueId, 1)).isNull();
        assertThat(send("q.fifo", "g", "1", "one again")).as("no longer a duplicate").isNotNull();
        assertThat(f.receive("q.fifo", 10)).extracting(EngineFixture::text).containsExactly("one again");
    }

    /**
     * Deduplication ids are kept in memory for five minutes, within a node-wide budget: a send
     * that needs more is throttled (nothing stored, nothing forgotten early), a duplicate is
     * still answered, and the budget frees as ids expire or their queue is deleted.
     */
    @Test
    void deduplicationIdsBeyondTheNodeWideBudgetAreThrottled() {
        EngineFixture small = new EngineFixture(BrokerOptions.defaults()
                .withLimits(io.opencmq.core.limits.QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)).withMaxDedupIds(3));
        small.create("a.fifo", fifo(false, 30));
        small.create("b.fifo", fifo(false, 30));
        SentMessage first = send(small, "a.fifo", "1");
        send(small, "a.fifo", "2");
        send(small, "b.fifo", "3");
        assertThat(EngineFixture.failure(() -> send(small, "b.fifo", "4"))).isEqualTo(ErrorReason.THROTTLED);
        assertThat(send(small, "a.fifo", "1")).as("a duplicate needs no new id").isEqualTo(first);
        assertThat(small.receive("b.fifo", 10)).extracting(EngineFixture::text).containsExactly("3");

        small.broker.deleteQueue("b.fifo").join();
        send(small, "a.fifo", "4"); // b's id was released
        small.clock.advanceSeconds(301);
        send(small, "a.fifo", "5"); // the old ids expired
        send(small, "a.fifo", "6");
        assertThat(small.receive("a.fifo", 10)).extracting(EngineFixture::text)
                .containsExactly("1", "2", "4", "5", "6");
    }

    private static SentMessage send(EngineFixture fixture, String queue, String dedup) {
        return fixture.sendFifo(queue, "g", dedup, dedup);
    }
}
