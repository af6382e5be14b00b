package io.opencmq.core.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEnvelopeTest {
    private static final byte[] PROTOCOL = {1, 2, 3};

    @Test
    void aMessageWithoutCoreFieldsStoresTheProtocolBytesUnchanged() {
        assertThat(new MessageEnvelope(null, null, null, PROTOCOL).encode()).isSameAs(PROTOCOL);
        assertThat(MessageEnvelope.decode(PROTOCOL).protocolAttributes()).isEqualTo(PROTOCOL);
        assertThat(MessageEnvelope.decode(null)).isEqualTo(MessageEnvelope.NONE);
    }

    @Test
    void everyFieldSurvivesEncoding() {
        MessageEnvelope dead = new MessageEnvelope("g\u00e9", "d", "src", "id-1", 42L, false, PROTOCOL);
        MessageEnvelope back = MessageEnvelope.decode(dead.encode());
        assertThat(back.groupId()).isEqualTo("g\u00e9");
        assertThat(back.dedupId()).isEqualTo("d");
        assertThat(back.deadLetterSource()).isEqualTo("src");
        assertThat(back.originalMsgId()).isEqualTo("id-1");
        assertThat(back.originalEnqueueTime()).isEqualTo(42L);
        assertThat(back.moved()).isFalse();
        assertThat(back.protocolAttributes()).isEqualTo(PROTOCOL);
        assertThat(MessageEnvelope.groupOf(dead.encode())).isEqualTo("g\u00e9");
    }

    @Test
    void onlyMessagesSentToTheirQueueDeduplicate() {
        assertThat(new MessageEnvelope("g", "d", null, null).deduplicates()).isTrue();
        MessageEnvelope dead = new MessageEnvelope("g", "d", null, null).asDeadLetterOf("src", "id-1", 7L);
        assertThat(MessageEnvelope.decode(dead.encode()).deduplicates()).isFalse();
        MessageEnvelope moved = MessageEnvelope.decode(MessageEnvelope.movedBack("g", "d", null).encode());
        assertThat(moved.moved()).isTrue();
        assertThat(moved.deduplicates()).isFalse();
        assertThat(moved.deadLetterSource()).isNull();
        assertThat(moved.protocolAttributes()).isNull();
        assertThat(MessageEnvelope.movedBack(null, null, "x".getBytes(StandardCharsets.UTF_8)).encode()[0])
                .as("a moved message is marked even without other core fields").isEqualTo((byte) 0xC7);
    }
}
