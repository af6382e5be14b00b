package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RewindTest {
    private final EngineFixture f = new EngineFixture();

    private void consumeAll(String q) {
        List<ReceivedMessage> got;
        while (!(got = f.receive(q, 16)).isEmpty()) {
            got.forEach(m -> f.delete(q, m));
        }
    }

    @Test
    void rewindMakesDeletedMessagesReceivableAgainInProductionOrder() {
        f.create("q", new QueueSettings(null, null, null, null, 86_400, 3_600, null));
        for (int i = 0; i < 5; i++) {
            f.send("q", "m" + i);
            f.clock.advanceSeconds(10);
        }
        consumeAll("q");
        assertThat(f.attrs("q").rewindMsgNum()).isEqualTo(5);
        assertThat(f.attrs("q").activeMsgNum()).isZero();

        f.broker.rewindQueue("q", EngineFixture.T0 + 20_000).join();
        assertThat(f.attrs("q").rewindMsgNum()).isEqualTo(2);
        assertThat(f.attrs("q").activeMsgNum()).isEqualTo(3);
        List<String> again = new ArrayList<>();
        for (ReceivedMessage m : f.receive("q", 16)) {
            again.add(EngineFixture.text(m));
        }
        assertThat(again).containsExactly("m2", "m3", "m4");
    }

    @Test
    void rewindSurvivesRestart() {
        f.create("q", new QueueSettings(null, null, null, null, 86_400, 3_600, null));
        f.send("q", "a");
        consumeAll("q");
        f.restart();
        assertThat(f.attrs("q").rewindMsgNum()).isEqualTo(1);
        f.broker.rewindQueue("q", EngineFixture.T0).join();
        f.restart();
        assertThat(EngineFixture.text(f.receiveOne("q"))).isEqualTo("a");
    }

    @Test
    void rewindIsRefusedWhenDisabledOrOutOfRange() {
        f.create("plain", null);
        assertThat(EngineFixture.failure(f.broker.rewindQueue("plain", EngineFixture.T0)))
                .isEqualTo(ErrorReason.REWIND_NOT_ENABLED);
        f.create("q", new QueueSettings(null, null, null, null, 86_400, 60, null));
        f.clock.advanceSeconds(120);
        assertThat(EngineFixture.failure(f.broker.rewindQueue("q", EngineFixture.T0)))
                .isEqualTo(ErrorReason.REWIND_TIME_INVALID);
        assertThat(EngineFixture.failure(f.broker.rewindQueue("q", f.clock.millis() + 60_000)))
                .isEqualTo(ErrorReason.REWIND_TIME_INVALID);
    }

    @Test
    void rewindSecondsCannotExceedRetention() {
        assertThat(EngineFixture.failure(f.broker.createQueue("q", new QueueSettings(null, null, null, null, 600, 601, null))))
                .isEqualTo(ErrorReason.REWIND_EXCEEDS_RETENTION);
    }

    @Test
    void lockedMessagesStayLockedAcrossARewind() {
        f.create("q", new QueueSettings(null, null, 30, null, 86_400, 3_600, null));
        f.send("q", "a");
        f.send("q", "b");
        ReceivedMessage a = f.receiveOne("q");
        ReceivedMessage b = f.receiveOne("q");
        f.delete("q", a);
        f.broker.rewindQueue("q", EngineFixture.T0).join();
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("a");
        f.delete("q", b);
    }
}
