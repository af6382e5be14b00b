package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.protocol.cmq.json.CmqJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueueJson#writeBody} writes ASCII bodies from their bytes: the response must be
 * byte for byte what writing the body's String gives, for every ASCII character and for
 * non-ASCII bodies (which take the String path and are \\u-escaped).
 */
class QueueJsonBodyTest {

    private static byte[] viaBytes(byte[] body) {
        return CmqJson.response(0, "", "r", g -> QueueJson.writeBody(g, body));
    }

    private static byte[] viaString(byte[] body) {
        return CmqJson.response(0, "", "r", g -> g.writeStringField("msgBody", new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void everyAsciiCharacterIsEscapedAsTheStringPathEscapesIt() {
        List<byte[]> bodies = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            bodies.add(new byte[]{(byte) c});
            bodies.add(new byte[]{'a', (byte) c, 'z', (byte) c});
        }
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[random.nextInt(3000)];
            for (int j = 0; j < body.length; j++) {
                body[j] = (byte) random.nextInt(128);
            }
            bodies.add(body);
        }
        bodies.add(new byte[0]);
        for (byte[] body : bodies) {
            assertThat(viaBytes(body)).isEqualTo(viaString(body));
        }
    }

    @Test
    void nonAsciiBodiesStayEscaped() {
        for (String text : List.of("café", "你好\"\\\n", "😀 x", "a\u0080", "\u007f\u00ff")) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            byte[] json = viaBytes(body);
            assertThat(json).isEqualTo(viaString(body));
            assertThat(new String(json, StandardCharsets.ISO_8859_1)).contains("\\u").matches("\\p{ASCII}*");
        }
    }
}
