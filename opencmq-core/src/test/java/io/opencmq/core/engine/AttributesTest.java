package io.opencmq.core.engine;

import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.error.ErrorReason;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Opaque per-message attributes and per-message delays (what the SQS front needs). */
class AttributesTest {
    private final EngineFixture f = new EngineFixture();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String attrs(ReceivedMessage m) {
        return m.attributes() == null ? null : new String(m.attributes(), StandardCharsets.UTF_8);
    }

    @Test
    void attributesTravelWithTheMessageThroughLocksAndRestarts() {
        f.create("q", EngineFixture.visibility(10));
        f.broker.sendMessages("q", List.of(new OutgoingMessage(b("with"), b("color=red"), 0),
                new OutgoingMessage(b("without"), null, 0))).join();
        List<ReceivedMessage> got = f.receive("q", 2);
        assertThat(got).extracting(AttributesTest::attrs).containsExactly("color=red", null);

        f.clock.advanceSeconds(10);
        assertThat(f.receive("q", 2)).extracting(AttributesTest::attrs).containsExactly("color=red", null);

        f.restart();
        assertThat(f.receive("q", 2)).extracting(AttributesTest::attrs).containsExactly("color=red", null);
    }

    @Test
    void eachMessageHasItsOwnDelay() {
        f.create("q", null);
        f.broker.sendMessages("q", List.of(new OutgoingMessage(b("now"), null, 0),
                new OutgoingMessage(b("in5"), null, 5), new OutgoingMessage(b("in2"), null, 2))).join();
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("now");
        assertThat(f.attrs("q").delayMsgNum()).isEqualTo(2);
        f.clock.advanceSeconds(2);
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("in2");
        f.clock.advanceSeconds(3);
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("in5");
    }

    @Test
    void aDeadLetterKeepsItsAttributes() {
        f.create("dlq", null);
        f.create("src", EngineFixture.visibility(5).withDeadLetterPolicy(new DeadLetterPolicy("dlq", 0, 1, 0)));
        f.broker.sendMessages("src", List.of(new OutgoingMessage(b("x"), b("k=v"), 0))).join();
        f.receiveOne("src");
        f.clock.advanceSeconds(5);
        assertThat(f.receive("src", 16)).isEmpty();
        assertThat(attrs(f.receiveOne("dlq"))).isEqualTo("k=v");
    }

    @Test
    void aQueueDefaultDelayAppliesToMessagesWithoutTheirOwn() {
        f.create("q", new QueueSettings(null, null, null, null, null, null, null, 10, null));
        f.broker.sendMessages("q", List.of(new OutgoingMessage(b("default"), null, OutgoingMessage.QUEUE_DELAY),
                new OutgoingMessage(b("own"), null, 0))).join();
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("own");
        f.clock.advanceSeconds(10);
        assertThat(f.receive("q", 16)).extracting(EngineFixture::text).containsExactly("default");
        assertThat(EngineFixture.failure(f.broker.setQueueAttributes("q",
                new QueueSettings(null, null, null, null, null, null, null, 901, null)))).isEqualTo(ErrorReason.PARAMETER_OUT_OF_RANGE);
    }

    @Test
    void protocolPropertiesAreMergedAndSurviveRestarts() {
        f.create("q", new QueueSettings(null, null, null, null, null, null, null, null, Map.of("tag:env", "prod", "x", "1")));
        Map<String, String> change = new HashMap<>();
        change.put("x", null);
        change.put("tag:team", "core");
        f.broker.setQueueAttributes("q", new QueueSettings(null, null, null, null, null, null, null, 3, change)).join();
        f.restart();
        var config = f.attrs("q").config();
        assertThat(config.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("tag:env", "prod", "tag:team", "core"));
        assertThat(config.delaySeconds()).isEqualTo(3);
    }
}
