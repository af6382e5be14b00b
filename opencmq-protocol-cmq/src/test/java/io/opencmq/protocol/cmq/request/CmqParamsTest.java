package io.opencmq.protocol.cmq.request;

import io.opencmq.protocol.cmq.CmqException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmqParamsTest {

    private static CmqParams post(String body) {
        return CmqParams.parse("POST", null, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static CmqParams of(String... nameValues) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return CmqParams.of(m);
    }

    private static void assertRefused(Runnable r, int code, String messageStart) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(CmqException.class, e -> {
            assertThat(e.error().code()).isEqualTo(code);
            assertThat(e.error().message()).startsWith(messageStart);
        });
    }

    @Test
    void decodesPlusPercentAndUtf8() {
        CmqParams p = post("a=x+y&b=%2B%26%3D&c=%E4%BD%A0%E5%A5%BD&d=caf%C3%A9&e=%f0%9f%98%80");
        assertThat(p.get("a")).isEqualTo("x y");
        assertThat(p.get("b")).isEqualTo("+&=");
        assertThat(p.get("c")).isEqualTo("你好");
        assertThat(p.get("d")).isEqualTo("café");
        assertThat(p.get("e")).isEqualTo("😀");
    }

    @Test
    void emptySegmentsAreSkippedAndBareKeysHaveEmptyValues() {
        CmqParams p = post("&&a=1&&flag&b=&c==x");
        assertThat(p.all()).containsOnly(Map.entry("a", "1"), Map.entry("flag", ""), Map.entry("b", ""), Map.entry("c", "=x"));
    }

    @Test
    void malformedEncodingsAreRefusedWith10420() {
        assertRefused(() -> post("a=%"), 4000, "(10420)cannot parse request body");
        assertRefused(() -> post("a=%4"), 4000, "(10420)");
        assertRefused(() -> post("a=%G1"), 4000, "(10420)");
        assertRefused(() -> post("a=%FF%FE"), 4000, "(10420)cannot parse request body: not valid UTF-8");
        assertRefused(() -> post("a=%C3"), 4000, "(10420)");
        assertRefused(() -> CmqParams.parse("GET", "a=%zz", new byte[0]), 4000, "(10420)cannot parse query string");
    }

    @Test
    void rawNonAsciiBytesMustBeUtf8() {
        assertThat(CmqParams.parse("POST", null, "a=é".getBytes(StandardCharsets.UTF_8)).get("a")).isEqualTo("é");
        assertRefused(() -> CmqParams.parse("POST", null, new byte[]{'a', '=', (byte) 0xE9}), 4000, "(10420)");
    }

    @Test
    void postMergesQueryAndBodyButGetIgnoresTheBody() {
        CmqParams p = CmqParams.parse("POST", "Action=X", "a=1".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.all()).containsOnly(Map.entry("Action", "X"), Map.entry("a", "1"));
        CmqParams g = CmqParams.parse("GET", "Action=X", "a=1".getBytes(StandardCharsets.US_ASCII));
        assertThat(g.all()).containsOnly(Map.entry("Action", "X"));
    }

    @Test
    void duplicatesAreRefused() {
        assertRefused(() -> post("a=1&a=1"), 4000, "(10330)parameter a is NOT a repeatable parameter");
        assertRefused(() -> CmqParams.parse("POST", "a=1", "a=2".getBytes(StandardCharsets.US_ASCII)), 4000, "(10330)");
        assertRefused(() -> post("%61=1&a=2"), 4000, "(10330)");
        assertRefused(() -> post("=1"), 4000, "(10310)");
    }

    @Test
    void requiredTreatsEmptyAsMissing() {
        CmqParams p = of("queueName", "");
        assertRefused(() -> p.required("queueName"), 4000, "(10390)lacked of required parameter queueName");
        assertRefused(() -> p.required("other"), 4000, "(10390)lacked of required parameter other");
        assertThat(p.optional("queueName")).isNull();
    }

    @Test
    void integersAreParsedAsLongsWithoutOverflow() {
        CmqParams p = of("a", "42", "b", "-7", "c", "+5", "d", "007", "e", "9223372036854775807", "f", "-9223372036854775808",
                "g", "9223372036854775808", "h", "99999999999999999999999999", "i", "-9223372036854775809",
                "j", "0000000000000000000000000001");
        assertThat(p.requiredLong("a", 0, 100)).isEqualTo(42);
        assertThat(p.requiredLong("b", -10, 0)).isEqualTo(-7);
        assertThat(p.requiredLong("c", 0, 10)).isEqualTo(5);
        assertThat(p.requiredLong("d", 0, 10)).isEqualTo(7);
        assertThat(p.requiredLong("e", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(p.requiredLong("f", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(p.requiredLong("j", 0, 10)).isEqualTo(1);
        assertRefused(() -> p.requiredLong("g", Long.MIN_VALUE, Long.MAX_VALUE), 4000, "(10350)parameter g value or length is out of range");
        assertRefused(() -> p.requiredLong("h", Long.MIN_VALUE, Long.MAX_VALUE), 4000, "(10350)");
        assertRefused(() -> p.requiredLong("i", Long.MIN_VALUE, Long.MAX_VALUE), 4000, "(10350)");
        assertRefused(() -> p.requiredInt("e", Integer.MIN_VALUE, Integer.MAX_VALUE), 4000, "(10350)parameter e");
        assertRefused(() -> p.requiredLong("a", 0, 41), 4000, "(10350)");
    }

    @Test
    void nonIntegersAreTypeErrors() {
        for (String bad : new String[]{"1.5", "abc", "-", "+", " 1", "1 ", "0x10", "1e3", "١"}) {
            CmqParams p = of("n", bad);
            assertRefused(() -> p.requiredLong("n", Long.MIN_VALUE, Long.MAX_VALUE), 4000, "(10360)parameter n error type");
        }
    }

    @Test
    void optionalIntegersDefaultWhenAbsentOrEmpty() {
        CmqParams p = of("empty", "");
        assertThat(p.optionalInt("absent", 0, 10)).isNull();
        assertThat(p.optionalInt("empty", 0, 10)).isNull();
        assertThat(p.optionalInt("absent", 0, 10, 3)).isEqualTo(3);
    }

    @Test
    void arraysStartAtZeroOrOneAndAreContiguous() {
        assertThat(of("m.1", "a", "m.2", "b", "m.3", "c").requiredArray("m", 16)).containsExactly("a", "b", "c");
        assertThat(of("m.0", "a", "m.1", "b").requiredArray("m", 16)).containsExactly("a", "b");
        assertThat(of("m.2", "b", "m.10", "j", "m.1", "a", "m.3", "c", "m.4", "d", "m.5", "e", "m.6", "f", "m.7", "g",
                "m.8", "h", "m.9", "i").requiredArray("m", 16)).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(of("m.1", "a", "mm.2", "x", "m", "plain").requiredArray("m", 16)).containsExactly("a");
    }

    @Test
    void badArraysAreRefused() {
        assertRefused(() -> of("m.1", "a", "m.3", "c").requiredArray("m", 16), 4000, "(10380)m parameter is not consequent");
        assertRefused(() -> of("m.2", "a").requiredArray("m", 16), 4000, "(10380)");
        assertRefused(() -> of("m.0", "a", "m.2", "c").requiredArray("m", 16), 4000, "(10380)");
        assertRefused(() -> of("m.1", "a", "m.01", "b").requiredArray("m", 16), 4000, "(10380)");
        assertRefused(() -> of("m.1", "a", "m.99999999999999999999999", "b").requiredArray("m", 16), 4000, "(10380)");
        assertRefused(() -> of("m.x", "a").requiredArray("m", 16), 4000, "(10310)parameter m.x key format error");
        assertRefused(() -> of("m.", "a").requiredArray("m", 16), 4000, "(10310)");
        assertRefused(() -> of("m", "a").requiredArray("m", 16), 4000, "(10390)lacked of required parameter m.n");
        assertRefused(() -> of("m.1", "a", "m.2", "b", "m.3", "c").requiredArray("m", 2), 4000, "(10370)m parameter batch size is out of range");
    }
}
