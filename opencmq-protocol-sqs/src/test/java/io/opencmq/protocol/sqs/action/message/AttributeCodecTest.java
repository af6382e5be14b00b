package io.opencmq.protocol.sqs.action.message;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form of message attributes and their MD5 digest. */
class AttributeCodecTest {

    private static final List<MessageAttribute> USER = List.of(
            new MessageAttribute("zeta", "String", "last", null),
            new MessageAttribute("alpha", "Number.int", "42", null),
            new MessageAttribute("blob", "Binary", null, new byte[] {0, (byte) 0xff}));
    private static final List<MessageAttribute> SYSTEM = List.of(new MessageAttribute("AWSTraceHeader", "String", "Root=1", null));

    @Test
    void roundTrips() {
        AttributeCodec.Attributes decoded = AttributeCodec.decode(AttributeCodec.encode(USER, SYSTEM));
        assertThat(decoded.user()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(USER);
        assertThat(decoded.system()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(SYSTEM);
        assertThat(AttributeCodec.encode(List.of(), List.of())).isNull();
        assertThat(AttributeCodec.decode(null).user()).isEmpty();
    }

    @Test
    void digestIgnoresOrderButNotContent() {
        String md5 = AttributeMd5.ofAttributes(USER);
        assertThat(md5).matches("[0-9a-f]{32}");
        assertThat(AttributeMd5.ofAttributes(List.of(USER.get(2), USER.get(0), USER.get(1)))).isEqualTo(md5);
        assertThat(AttributeMd5.ofAttributes(List.of(USER.get(0), USER.get(1)))).isNotEqualTo(md5);
        assertThat(AttributeMd5.ofAttributes(List.of(USER.get(0), USER.get(1),
                new MessageAttribute("blob", "Binary", null, new byte[] {0, (byte) 0xfe})))).isNotEqualTo(md5);
        assertThat(AttributeMd5.ofAttributes(List.of())).isNull();
        assertThat(AttributeMd5.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }
}
