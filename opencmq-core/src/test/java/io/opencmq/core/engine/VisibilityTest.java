package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.ReceivedMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityTest {
    private final EngineFixture f = new EngineFixture();

    @BeforeEach
    void createQueue() {
        f.create("orders", EngineFixture.visibility(30));
    }

    @Test
    void aReceivedMessageIsLockedUntilItsVisibilityTimeout() {
        f.send("orders", "a");
        ReceivedMessage first = f.receiveOne("orders");
        assertThat(first.dequeueCount()).isEqualTo(1);
        assertThat(first.nextVisibleTimeMillis()).isEqualTo(EngineFixture.T0 + 30_000);
        assertThat(first.firstDequeueTimeMillis()).isEqualTo(EngineFixture.T0);
        assertThat(f.receive("orders", 16)).isEmpty();

        f.clock.advanceSeconds(29);
        assertThat(f.receive("orders", 16)).isEmpty();
        f.clock.advanceSeconds(1);
        ReceivedMessage second = f.receiveOne("orders");
        assertThat(second.msgId()).isEqualTo(first.msgId());
        assertThat(second.dequeueCount()).isEqualTo(2);
        assertThat(second.firstDequeueTimeMillis()).isEqualTo(EngineFixture.T0);
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void aLockCanBeExtendedToAtMostTwelveHoursAfterItsReceive() {
        f.send("orders", "slow");
        ReceivedMessage m = f.receiveOne("orders");
        f.broker.changeMessageVisibility("orders", m.receiptHandle(), 43_200).join();
        f.clock.advanceSeconds(2);
        assertThat(EngineFixture.failure(f.broker.changeMessageVisibility("orders", m.receiptHandle(), 43_200)))
                .isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
        f.broker.changeMessageVisibility("orders", m.receiptHandle(), 43_198).join(); // exactly 12 h after the receive
        // The next receive starts a new twelve hours.
        f.clock.advanceSeconds(43_198);
        ReceivedMessage again = f.receiveOne("orders");
        f.clock.advanceSeconds(10);
        f.broker.changeMessageVisibility("orders", again.receiptHandle(), 43_190).join();
    }

    @Test
    void extendingALockAgainAndAgainDoesNotGrowTheExpiryHeapWithoutBound() {
        f.send("orders", "long job");
        ReceivedMessage m = f.receiveOne("orders");
        for (int i = 1; i <= 5_000; i++) {
            f.broker.changeMessageVisibility("orders", m.receiptHandle(), 3_600 + i).join();
        }
        assertThat(f.broker.find("orders").scheduledExpiries()).isLessThan(2_000);
        // The last extension still holds, and then the message comes back.
        f.clock.advanceSeconds(3_600 + 4_999);
        assertThat(f.receive("orders", 16)).isEmpty();
        f.clock.advanceSeconds(1);
        assertThat(EngineFixture.text(f.receiveOne("orders"))).isEqualTo("long job");
    }

    @Test
    void onlyTheLatestReceiptHandleDeletes() {
        f.send("orders", "a");
        ReceivedMessage first = f.receiveOne("orders");
        f.clock.advanceSeconds(30);
        ReceivedMessage second = f.receiveOne("orders");

        assertThat(EngineFixture.failure(f.broker.deleteMessage("orders", first.receiptHandle())))
                .isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
        f.delete("orders", second);
        assertThat(EngineFixture.failure(f.broker.deleteMessage("orders", second.receiptHandle())))
                .isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
        f.clock.advanceSeconds(60);
        assertThat(f.receive("orders", 16)).isEmpty();
    }

    @Test
    void anExpiredHandleStillDeletesUntilTheMessageIsReceivedAgain() {
        f.send("orders", "a");
        f.send("orders", "b");
        ReceivedMessage a = f.receiveOne("orders");
        ReceivedMessage b = f.receiveOne("orders");
        f.clock.advanceSeconds(30);
        // Nobody received "a" since its lock expired: its handle deletes it.
        f.delete("orders", a);
        // "b" was received again: the old handle is stale, the new one deletes.
        ReceivedMessage b2 = f.receiveOne("orders");
        assertThat(b2.msgId()).isEqualTo(b.msgId());
        assertThat(EngineFixture.failure(f.broker.deleteMessage("orders", b.receiptHandle())))
                .isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
        f.delete("orders", b2);
        f.clock.advanceSeconds(60);
        assertThat(f.receive("orders", 16)).isEmpty();
        // Changing the visibility of a message that is no longer in flight is refused.
        f.send("orders", "c");
        ReceivedMessage c = f.receiveOne("orders");
        f.clock.advanceSeconds(30);
        assertThat(EngineFixture.failure(f.broker.changeMessageVisibility("orders", c.receiptHandle(), 10)))
                .isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
    }

    @Test
    void forgedOrForeignHandlesAreRejected() {
        f.create("other", null);
        f.send("orders", "a");
        ReceivedMessage m = f.receiveOne("orders");
        String forged = m.receiptHandle().substring(0, m.receiptHandle().length() - 2)
                + (m.receiptHandle().endsWith("AA") ? "BB" : "AA");
        assertThat(EngineFixture.failure(f.broker.deleteMessage("orders", forged))).isEqualTo(ErrorReason.RECEIPT_HANDLE_INVALID);
        assertThat(EngineFixture.failure(f.broker.deleteMessage("orders", "not-a-handle"))).isEqualTo(ErrorReason.RECEIPT_HANDLE_INVALID);
        assertThat(EngineFixture.failure(f.broker.deleteMessage("other", m.receiptHandle()))).isEqualTo(ErrorReason.RECEIPT_HANDLE_INVALID);
        f.delete("orders", m);
    }

    @Test
    void batchDeleteReportsEachHandle() {
        f.send("orders", "a");
        f.send("orders", "b");
        List<ReceivedMessage> got = f.receive("orders", 2);
        var outcomes = f.broker.deleteMessages("orders",
                List.of(got.get(0).receiptHandle(), "bogus", got.get(1).receiptHandle())).join();
        assertThat(outcomes).extracting(o -> o.ok()).containsExactly(true, false, true);
        assertThat(outcomes.get(1).error().reason()).isEqualTo(ErrorReason.RECEIPT_HANDLE_INVALID);
        assertThat(f.attrs("orders").activeMsgNum() + f.attrs("orders").inactiveMsgNum()).isZero();
    }

    @Test
    void countersFollowTheLifecycle() {
        f.send("orders", "a");
        f.send("orders", "b");
        f.send("orders", "c", 60);
        var a = f.attrs("orders");
        assertThat(a.activeMsgNum()).isEqualTo(2);
        assertThat(a.delayMsgNum()).isEqualTo(1);
        assertThat(a.inactiveMsgNum()).isZero();
        assertThat(a.minMsgTimeMillis()).isEqualTo(EngineFixture.T0);

        ReceivedMessage m = f.receiveOne("orders");
        a = f.attrs("orders");
        assertThat(a.activeMsgNum()).isEqualTo(1);
        assertThat(a.inactiveMsgNum()).isEqualTo(1);
        f.delete("orders", m);
        a = f.attrs("orders");
        assertThat(a.activeMsgNum()).isEqualTo(1);
        assertThat(a.inactiveMsgNum()).isZero();
        assertThat(a.rewindMsgNum()).isZero();
    }

    @Test
    void messagesComeInProductionOrder() {
        for (int i = 0; i < 600; i++) {
            f.send("orders", "m" + i);
        }
        for (int i = 0; i < 600; i += 16) {
            List<ReceivedMessage> got = f.receive("orders", 16);
            for (int j = 0; j < got.size(); j++) {
                assertThat(EngineFixture.text(got.get(j))).isEqualTo("m" + (i + j));
            }
        }
    }

    @Test
    void aLockCanBeExtendedOrReleasedAndTheHandleStaysValid() {
        f.send("orders", "a");
        ReceivedMessage m = f.receiveOne("orders");
        f.broker.changeMessageVisibility("orders", m.receiptHandle(), 120).join();
        f.clock.advanceSeconds(100);
        assertThat(f.receive("orders", 16)).isEmpty();
        assertThat(f.attrs("orders").inactiveMsgNum()).isEqualTo(1);

        f.broker.changeMessageVisibility("orders", m.receiptHandle(), 0).join();
        ReceivedMessage again = f.receiveOne("orders");
        assertThat(again.dequeueCount()).isEqualTo(2);
        assertThat(EngineFixture.failure(f.broker.changeMessageVisibility("orders", m.receiptHandle(), 10)))
                .isEqualTo(ErrorReason.RECEIPT_HANDLE_STALE);
        assertThat(EngineFixture.failure(f.broker.changeMessageVisibility("orders", again.receiptHandle(), 43_201)))
                .isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
        f.delete("orders", again);
    }

    @Test
    void aReceiveMayAskForItsOwnLockDuration() {
        f.send("orders", "a");
        ReceivedMessage m = f.broker.receive("orders", 1, 0, 5).join().get(0);
        assertThat(m.nextVisibleTimeMillis()).isEqualTo(EngineFixture.T0 + 5_000);
        f.clock.advanceSeconds(5);
        ReceivedMessage again = f.broker.receive("orders", 1, 0, null).join().get(0);
        assertThat(again.nextVisibleTimeMillis()).isEqualTo(EngineFixture.T0 + 5_000 + 30_000);
        assertThat(EngineFixture.failure(f.broker.receive("orders", 1, 0, 43_201))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
    }
}
