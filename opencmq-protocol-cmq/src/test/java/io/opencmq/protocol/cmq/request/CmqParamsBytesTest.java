package io.opencmq.protocol.cmq.request;

import io.opencmq.protocol.cmq.CmqException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values read as UTF-8 bytes (message bodies) and the array index, against the String reading. */
class CmqParamsBytesTest {

    private static CmqParams post(String body) {
        return CmqParams.parse("POST", null, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytesAreTheUtf8OfTheDecodedString() {
        CmqParams p = post("a=plain&b=x+y%2B&c=caf%C3%A9&d=%f0%9f%98%80&e=&f");
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            assertThat(p.getBytes(name)).as(name).isEqualTo(utf8(p.get(name)));
        }
        assertThat(p.getBytes("c")).isEqualTo(utf8("café"));
        assertThat(p.getBytes("absent")).isNull();
        assertThat(p.all()).containsEntry("d", "😀").containsEntry("b", "x y+");
    }

    @Test
    void rawUtf8BytesInTheFormAreKeptAsGiven() {
        byte[] form = "Action=X&msgBody=".getBytes(StandardCharsets.US_ASCII);
        byte[] body = utf8("你好");
        byte[] all = new byte[form.length + body.length];
        System.arraycopy(form, 0, all, 0, form.length);
        System.arraycopy(body, 0, all, form.length, body.length);
        CmqParams p = CmqParams.parse("POST", null, all);
        assertThat(p.getBytes("msgBody")).isEqualTo(body);
        assertThat(p.get("msgBody")).isEqualTo("你好");
    }

    @Test
    void invalidUtf8IsStillRefusedWhenOnlyBytesAreRead() {
        assertThatThrownBy(() -> post("msgBody=%C3%28")).isInstanceOfSatisfying(CmqException.class,
                e -> assertThat(e.error().message()).contains("not valid UTF-8"));
        assertThatThrownBy(() -> post("msgBody=%ED%A0%80")).isInstanceOf(CmqException.class);
        assertThatThrownBy(() -> post("msgBody=ab%4")).isInstanceOf(CmqException.class);
    }

    @Test
    void arrayBytesFollowIndexOrderAndTheSameChecksAsStrings() {
        CmqParams p = post("msgBody.2=b%C3%A9&msgBody.1=a&receiptHandle.1=h&msgBodyX.3=z");
        assertThat(p.requiredArrayBytes("msgBody", 16)).containsExactly(utf8("a"), utf8("bé"));
        assertThat(p.requiredArray("msgBody", 16)).containsExactly("a", "bé");
        assertThat(p.requiredArray("receiptHandle", 16)).containsExactly("h");
        assertThat(p.countArrayEntries("msgBody")).isEqualTo(2);
        assertThat(p.countArrayEntries("msgTag")).isZero();
        assertThatThrownBy(() -> p.requiredArrayBytes("msgBody", 1)).isInstanceOfSatisfying(CmqException.class,
                e -> assertThat(e.error().message()).startsWith("(10370)"));
        CmqParams gap = CmqParams.of(Map.of("msgBody.1", "a", "msgBody.3", "c"));
        assertThatThrownBy(() -> gap.requiredArrayBytes("msgBody", 16)).isInstanceOfSatisfying(CmqException.class,
                e -> assertThat(e.error().message()).startsWith("(10380)"));
    }
}
