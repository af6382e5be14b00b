package io.opencmq.protocol.sqs.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte writers of the canonical request give exactly the bytes of the String versions. */
class SigV4ScratchTest {

    @Test
    void writesWhatTheStringVersionsEncode() {
        Random random = new Random(7);
        String alphabet = "aZ09-_.~/ \t%+=&é€\uD83D\uDE00\uD800";
        SigV4Scratch s = SigV4Scratch.get();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(written(s.clear().append(text))).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(written(s.clear().appendTrimmed(text))).as(text)
                    .isEqualTo(SigV4Verifier.trimAll(text).getBytes(StandardCharsets.UTF_8));
            for (boolean keepSlash : new boolean[] {true, false}) {
                assertThat(written(s.clear().appendUriEncoded(text, keepSlash))).as(text)
                        .isEqualTo(SigV4.uriEncode(text, keepSlash).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void writesLowerCaseHexAndGrowsAsNeeded() {
        SigV4Scratch s = SigV4Scratch.get().clear();
        byte[] bytes = new byte[3000];
        new Random(3).nextBytes(bytes);
        assertThat(new String(written(s.appendHex(bytes)), StandardCharsets.US_ASCII)).isEqualTo(HexFormat.of().formatHex(bytes));
        assertThat(s.clear().length()).isZero();
    }

    @Test
    void aMacIsRekeyedUnlessHandedTheSameKey() throws Exception {
        SigV4Scratch s = SigV4Scratch.get();
        byte[] k1 = SigV4.signingKey("secret", "20250301", "us-east-1", "sqs");
        byte[] k2 = SigV4.signingKey("secret", "20250302", "us-east-1", "sqs");
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        byte[] m1 = s.mac(k1, true).doFinal(data);
        s.mac(k1, true).update(data); // abandoned half-way: the next use starts afresh
        assertThat(s.mac(k1, true).doFinal(data)).isEqualTo(m1);
        assertThat(s.mac(k2, true).doFinal(data)).isNotEqualTo(m1);
        assertThat(SigV4.hmac(k1, "data")).isEqualTo(m1);
        assertThat(s.mac(k1, true).doFinal(data)).isEqualTo(m1);
    }

    private static byte[] written(SigV4Scratch s) {
        return Arrays.copyOf(s.buffer(), s.length());
    }
}
