package io.opencmq.bench.sqs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SigV4SignerTest {
    /** The example key pair and request of the AWS SigV4 documentation (IAM ListUsers, 2015-08-30). */
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String CANONICAL_REQUEST = "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
            + "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            + "content-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final long SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z").toEpochMilli();

    @Test
    void signsTheDocumentedExample() {
        SigV4Signer signer = new SigV4Signer(SECRET, "us-east-1", "iam");
        signer.setTime(SIGNED_AT + 999);

        assertThat(new String(signer.amzDate(), StandardCharsets.US_ASCII)).isEqualTo("20150830T123600Z");
        assertThat(hashOf(signer, CANONICAL_REQUEST)).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(sign(signer, CANONICAL_REQUEST)).isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        assertThat(hashOf(signer, "")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theKeyAndTheDateFollowTheClockAcrossMidnight() {
        SigV4Signer signer = new SigV4Signer(SECRET, "us-east-1", "iam");
        signer.setTime(SIGNED_AT);
        String first = sign(signer, CANONICAL_REQUEST);

        signer.setTime(Instant.parse("2015-08-31T00:00:01Z").toEpochMilli());
        assertThat(new String(signer.amzDate(), StandardCharsets.US_ASCII)).isEqualTo("20150831T000001Z");
        assertThat(sign(signer, CANONICAL_REQUEST)).isNotEqualTo(first);

        signer.setTime(SIGNED_AT);
        assertThat(sign(signer, CANONICAL_REQUEST)).isEqualTo(first);
        assertThat(sign(new SigV4Signer(SECRET, "eu-west-1", "iam"), SIGNED_AT, CANONICAL_REQUEST)).isNotEqualTo(first);
    }

    private static String sign(SigV4Signer signer, long at, String canonical) {
        signer.setTime(at);
        return sign(signer, canonical);
    }

    private static String sign(SigV4Signer signer, String canonical) {
        byte[] c = canonical.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[SigV4Signer.HEX_LENGTH + 2];
        signer.sign(c, c.length, out, 1);
        assertThat(out[0]).isZero();
        assertThat(out[out.length - 1]).isZero();
        return new String(out, 1, SigV4Signer.HEX_LENGTH, StandardCharsets.US_ASCII);
    }

    private static String hashOf(SigV4Signer signer, String text) {
        byte[] c = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[SigV4Signer.HEX_LENGTH];
        signer.sha256Hex(c, 0, c.length, out, 0);
        return new String(out, StandardCharsets.US_ASCII);
    }
}
