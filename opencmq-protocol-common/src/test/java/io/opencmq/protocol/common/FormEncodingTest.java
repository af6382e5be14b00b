package io.opencmq.protocol.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormEncodingTest {

    private static List<String> pairs(String form) {
        byte[] bytes = form.getBytes(StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        FormEncoding.forEachPair(bytes, bytes.length, (kf, kt, vf, vt) -> out.add(
                FormEncoding.decodeToString(bytes, kf, kt) + "=" + (vf < 0 ? "<none>" : FormEncoding.decodeToString(bytes, vf, vt))));
        return out;
    }

    @Test
    void splitsPairsAndDecodes() {
        assertThat(pairs("a=1&&b=x+y%26z&c&d=&%E4%BD%A0=%F0%9F%98%80"))
                .containsExactly("a=1", "b=x y&z", "c=<none>", "d=", "你=😀");
        assertThat(pairs("")).isEmpty();
    }

    @Test
    void refusesMalformedInput() {
        byte[] truncated = "a%4".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> FormEncoding.decodeToString(truncated, 0, truncated.length))
                .isInstanceOf(MalformedFormException.class).hasMessage("truncated percent-encoding");
        byte[] badHex = "%zz".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> FormEncoding.decodeToString(badHex, 0, badHex.length))
                .hasMessage("invalid percent-encoding");
        byte[] notUtf8 = "%C3%28".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> FormEncoding.decodeToString(notUtf8, 0, notUtf8.length))
                .hasMessage("not valid UTF-8");
    }
}
