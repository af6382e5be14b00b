package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DelayAndRetentionTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void aDelayedMessageAppearsWhenItsDelayEnds() {
        f.create("q", null);
        f.send("q", "later", 10);
        f.send("q", "now");
        assertThat(EngineFixture.text(f.receiveOne("q"))).isEqualTo("now");
        assertThat(f.receive("q", 16)).isEmpty();
        assertThat(f.attrs("q").delayMsgNum()).isEqualTo(1);

        f.clock.advanceSeconds(9);
        assertThat(f.receive("q", 16)).isEmpty();
        f.clock.advanceSeconds(1);
        assertThat(EngineFixture.text(f.receiveOne("q"))).isEqualTo("later");
        assertThat(f.attrs("q").delayMsgNum()).isZero();
    }

    @Test
    void delayedMessagesSurviveARestartAndKeepTheirDelay() {
        f.create("q", null);
        f.send("q", "later", 100);
        f.restart();
        assertThat(f.attrs("q").delayMsgNum()).isEqualTo(1);
        assertThat(f.receive("q", 16)).isEmpty();
        f.clock.advanceSeconds(100);
        assertThat(EngineFixture.text(f.receiveOne("q"))).isEqualTo("later");
    }

    @Test
    void manyDelayedMessagesAreReleasedInDueOrder() {
        f.create("q", null);
        for (int i = 0; i < 50; i++) {
            f.send("q", "d" + i, 50 - i);
        }
        f.clock.advanceSeconds(25);
        var got = f.receive("q", 16);
        assertThat(got).extracting(EngineFixture::text).containsExactlyInAnyOrder(
                "d25", "d26", "d27", "d28", "d29", "d30", "d31", "d32", "d33", "d34", "d35", "d36", "d37", "d38", "d39", "d40");
        f.clock.advanceSeconds(100);
        while (!f.receive("q", 16).isEmpty()) {
            // drain: every message is due now
        }
        assertThat(f.attrs("q").inactiveMsgNum()).isEqualTo(50);
    }

    @Test
    void delayBeyondRetentionIsRejected() {
        f.create("q", new QueueSettings(null, null, null, null, 60, null, null));
        assertThat(EngineFixture.failure(() -> f.send("q", "x", 61))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
    }

    @Test
    void messagesExpireAfterTheRetentionPeriodConsumedOrNot() {
        f.create("q", new QueueSettings(null, null, 30, null, 60, null, null));
        f.send("q", "old1");
        f.send("q", "old2");
        f.receiveOne("q");
        f.clock.advanceSeconds(30);
        f.send("q", "young");
        f.clock.advanceSeconds(31);
        f.broker.housekeep();
        var a = f.attrs("q");
        assertThat(a.activeMsgNum() + a.inactiveMsgNum()).isEqualTo(1);
        assertThat(EngineFixture.text(f.receiveOne("q"))).isEqualTo("young");
        assertThat(f.store.firstSeq(1)).isEqualTo(2);
    }

    @Test
    void deletedPrefixIsRemovedFromDiskWhenRewindIsOff() {
        f.create("q", null);
        for (int i = 0; i < 2100; i++) {
            f.send("q", "m" + i);
        }
        for (int i = 0; i < 2100; i += 16) {
            for (var m : f.receive("q", 16)) {
                f.delete("q", m);
            }
        }
        f.broker.housekeep();
        assertThat(f.store.firstSeq(1)).isEqualTo(2048);
        f.restart();
        assertThat(f.attrs("q").activeMsgNum()).isZero();
        assertThat(f.receive("q", 16)).isEmpty();
    }
}
