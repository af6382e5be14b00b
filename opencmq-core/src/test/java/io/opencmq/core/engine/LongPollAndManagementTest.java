package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class LongPollAndManagementTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void aSendWakesAParkedReceiverAtOnce() {
        f.create("q", null);
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, 20);
        assertThat(parked).isNotDone();
        assertThat(f.broker.parkedReceives()).isEqualTo(1);
        f.send("q", "hello");
        assertThat(parked).isDone();
        assertThat(EngineFixture.text(parked.join().get(0))).isEqualTo("hello");
        assertThat(f.broker.parkedReceives()).isZero();
    }

    @Test
    void anAbandonedParkedReceiveLeavesAndTakesNothing() {
        f.create("q", null);
        CompletableFuture<List<ReceivedMessage>> gone = f.broker.receive("q", 10, 20);
        CompletableFuture<List<ReceivedMessage>> waiting = f.broker.receive("q", 10, 20);
        assertThat(f.broker.parkedReceives()).isEqualTo(2);
        gone.cancel(false); // its client closed the connection
        assertThat(f.broker.parkedReceives()).isEqualTo(1);
        f.send("q", "for the one still waiting");
        assertThat(EngineFixture.text(waiting.join().get(0))).isEqualTo("for the one still waiting");
        assertThat(f.broker.parkedReceives()).isZero();
        assertThat(f.attrs("q").inactiveMsgNum()).isEqualTo(1);
    }

    @Test
    void aParkedReceiveEndsEmptyWhenTheWaitEnds() {
        f.create("q", new QueueSettings(null, 5, null, null, null, null, null));
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, null);
        f.clock.advanceSeconds(4);
        assertThat(parked).isNotDone();
        f.clock.advanceSeconds(1);
        assertThat(parked.join()).isEmpty();
        assertThat(f.broker.parkedReceives()).isZero();
    }

    @Test
    void aParkedReceiverGetsAMessageWhoseLockExpires() {
        f.create("q", EngineFixture.visibility(3));
        f.send("q", "x");
        f.receiveOne("q");
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, 10);
        f.clock.advanceSeconds(3);
        assertThat(parked).isDone();
        assertThat(parked.join().get(0).dequeueCount()).isEqualTo(2);
    }

    @Test
    void aParkedReceiverGetsADelayedMessageWhenDue() {
        f.create("q", null);
        f.send("q", "x", 2);
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, 10);
        f.clock.advanceSeconds(2);
        assertThat(parked).isDone();
        assertThat(EngineFixture.text(parked.join().get(0))).isEqualTo("x");
    }

    @Test
    void parkedReceivesBeyondTheCapDoNotWait() {
        EngineFixture small = new EngineFixture(BrokerOptions.defaults().withMaxParkedReceives(2));
        small.create("q", null);
        small.broker.receive("q", 1, 10);
        small.broker.receive("q", 1, 10);
        assertThat(small.broker.receive("q", 1, 10)).isCompletedWithValue(List.of());
        assertThat(small.broker.parkedReceives()).isEqualTo(2);
    }

    @Test
    void closingAnswersParkedReceives() {
        f.create("q", null);
        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, 10);
        f.broker.close();
        assertThat(parked.join()).isEmpty();
    }

    @Test
    void queueNamesAreUniqueIgnoringCaseAndListedByName() {
        f.create("Alpha", null);
        f.create("beta", null);
        f.create("alphabet", null);
        assertThat(EngineFixture.failure(f.broker.createQueue("ALPHA", null))).isEqualTo(ErrorReason.QUEUE_ALREADY_EXISTS);
        var page = f.broker.listQueues("alpha", 0, 1);
        assertThat(page.totalCount()).isEqualTo(2);
        assertThat(page.queues()).extracting(r -> r.queueName()).containsExactly("Alpha");
        assertThat(f.broker.listQueues(null, 1, 20).queues()).extracting(r -> r.queueName()).containsExactly("alphabet", "beta");
        f.send("alpha", "case-insensitive lookup");
        assertThat(f.attrs("ALPHA").activeMsgNum()).isEqualTo(1);
    }

    @Test
    void badNamesAndRangesAreRejected() {
        // The core's rule is the wider SQS one: a digit or '-' first is fine, 80 characters at most.
        f.create("1abc", null);
        f.create("-" + "a".repeat(79), null);
        assertThat(EngineFixture.failure(f.broker.createQueue("a b", null))).isEqualTo(ErrorReason.INVALID_QUEUE_NAME);
        assertThat(EngineFixture.failure(f.broker.createQueue("a".repeat(81), null))).isEqualTo(ErrorReason.INVALID_QUEUE_NAME);
        assertThat(EngineFixture.failure(f.broker.createQueue("__mine", null))).isEqualTo(ErrorReason.INVALID_QUEUE_NAME);
        assertThat(EngineFixture.failure(f.broker.createQueue("plain.fifo", null))).isEqualTo(ErrorReason.INVALID_QUEUE_NAME);
        f.create("zero-visibility", EngineFixture.visibility(0));
        assertThat(EngineFixture.failure(f.broker.createQueue("q", EngineFixture.visibility(43_201)))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
        f.create("q", null);
        assertThat(EngineFixture.failure(() -> f.send("q", ""))).isEqualTo(ErrorReason.EMPTY_MESSAGE_BODY);
        byte[] big = new byte[65_537];
        assertThat(EngineFixture.failure(f.broker.send("q", List.of(big), 0))).isEqualTo(ErrorReason.MESSAGE_TOO_LARGE);
        assertThat(EngineFixture.failure(f.broker.receive("q", 17, 0))).isEqualTo(ErrorReason.BATCH_SIZE_OUT_OF_RANGE);
        assertThat(EngineFixture.failure(f.broker.receive("q", 1, 31))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
        assertThat(EngineFixture.failure(f.broker.receive("nope", 1, 0))).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
    }

    @Test
    void aFullQueueRefusesSends() {
        f.create("q", new QueueSettings(3L, null, null, null, null, null, null));
        f.broker.send("q", List.of(b("1"), b("2")), 0).join();
        assertThat(EngineFixture.failure(f.broker.send("q", List.of(b("3"), b("4")), 0))).isEqualTo(ErrorReason.QUEUE_FULL);
        f.send("q", "3");
        assertThat(EngineFixture.failure(() -> f.send("q", "4"))).isEqualTo(ErrorReason.QUEUE_FULL);
        f.delete("q", f.receiveOne("q"));
        f.send("q", "4");
    }

    @Test
    void purgeDropsEverythingAndDeleteRemovesTheQueue() {
        f.create("q", null);
        f.send("q", "a");
        f.send("q", "b", 100);
        ReceivedMessage locked = f.receiveOne("q");
        f.send("q", "c");
        f.broker.purgeQueue("q").join();
        var a = f.attrs("q");
        assertThat(a.activeMsgNum() + a.inactiveMsgNum() + a.delayMsgNum()).isZero();
        assertThat(EngineFixture.failure(f.broker.deleteMessage("q", locked.receiptHandle()))).isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
        f.send("q", "after");
        f.restart();
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("after");

        CompletableFuture<List<ReceivedMessage>> parked = f.broker.receive("q", 1, 10);
        f.broker.deleteQueue("q").join();
        assertThat(EngineFixture.failure(parked)).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
        assertThat(EngineFixture.failure(() -> f.attrs("q"))).isEqualTo(ErrorReason.QUEUE_NOT_FOUND);
        f.create("q", null);
        assertThat(f.receive("q", 16)).isEmpty();
    }

    @Test
    void restartMakesLockedMessagesReceivableAndKeepsDeletesAndSettings() {
        f.create("q", new QueueSettings(null, 3, 120, 2048, null, null, null));
        f.send("q", "locked");
        f.send("q", "deleted");
        f.send("q", "waiting");
        f.receiveOne("q");
        f.delete("q", f.receiveOne("q"));
        f.restart();
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("locked", "waiting");
        var c = f.attrs("q").config();
        assertThat(f.broker.getQueueConfig("Q")).isEqualTo(c);
        assertThat(c.pollingWaitSeconds()).isEqualTo(3);
        assertThat(c.visibilityTimeout()).isEqualTo(120);
        assertThat(c.maxMsgSize()).isEqualTo(2048);
        var sent = f.broker.send("q", List.of(b("new")), 0).join().get(0);
        assertThat(sent.sequenceNumber()).isEqualTo(3);
        // Ids are UUID-shaped (SQS clients parse them as UUIDs) and never repeat.
        assertThat(java.util.UUID.fromString(sent.msgId()).version()).isEqualTo(8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
