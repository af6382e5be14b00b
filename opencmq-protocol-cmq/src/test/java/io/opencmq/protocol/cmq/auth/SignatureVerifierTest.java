package io.opencmq.protocol.cmq.auth;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.cmq.CmqException;
import io.opencmq.protocol.cmq.request.CmqParams;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented test vector of Tencent's signature page, checked directly against the verifier. */
class SignatureVerifierTest {
    private static final String SECRET_ID = "AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT";
    private static final String SECRET_KEY = "pPgfLipfEXZ7VcRzhAMIyPaU7UbQyFFx";
    private static final String HOST = "cmq-queue-gz.api.tencentyun.com";

    private static Map<String, String> docParams() {
        Map<String, String> p = new HashMap<>();
        p.put("Action", "SendMessage");
        p.put("Nonce", "2889712707386595659");
        p.put("RequestClient", "SDK_Python_1.3");
        p.put("SecretId", SECRET_ID);
        p.put("SignatureMethod", "HmacSHA1");
        p.put("Timestamp", "1534154812");
        p.put("clientRequestId", "1231231231");
        p.put("delaySeconds", "0");
        p.put("msgBody", "msg");
        p.put("queueName", "test1");
        p.put("Signature", "C16WEtEXsD5v5tnaUMLAbZewXhI=");
        return p;
    }

    private static SignatureVerifier verifier(ManualClock clock, String publicHost) {
        return new SignatureVerifier(new Credentials(SECRET_ID, SECRET_KEY), clock, 300, 1000, publicHost);
    }

    @Test
    void canonicalQueryIsTheDocumentedString() {
        assertThat("POST" + HOST + "/v2/index.php?" + SignatureVerifier.canonicalQuery(docParams())).isEqualTo(
                "POSTcmq-queue-gz.api.tencentyun.com/v2/index.php?Action=SendMessage&Nonce=2889712707386595659"
                        + "&RequestClient=SDK_Python_1.3&SecretId=AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT&SignatureMethod=HmacSHA1"
                        + "&Timestamp=1534154812&clientRequestId=1231231231&delaySeconds=0&msgBody=msg&queueName=test1");
    }

    @Test
    void acceptsTheDocumentedTestVector() {
        ManualClock clock = new ManualClock(1534154812_000L);
        assertThatCode(() -> verifier(clock, null).verify("POST", HOST, "/v2/index.php", CmqParams.of(docParams())))
                .doesNotThrowAnyException();
    }

    @Test
    void theTestVectorFailsForAnotherHostMethodOrValue() {
        ManualClock clock = new ManualClock(1534154812_000L);
        SignatureVerifier v = verifier(clock, null);
        assertAuthFailed(() -> v.verify("GET", HOST, "/v2/index.php", CmqParams.of(docParams())));
        assertAuthFailed(() -> v.verify("POST", "127.0.0.1:80", "/v2/index.php", CmqParams.of(docParams())));
        Map<String, String> changed = docParams();
        changed.put("msgBody", "msg2");
        assertAuthFailed(() -> v.verify("POST", HOST, "/v2/index.php", CmqParams.of(changed)));
    }

    @Test
    void aConfiguredPublicHostIsAcceptedBehindAProxy() {
        ManualClock clock = new ManualClock(1534154812_000L);
        assertThatCode(() -> verifier(clock, HOST).verify("POST", "10.0.0.5:8080", "/v2/index.php", CmqParams.of(docParams())))
                .doesNotThrowAnyException();
    }

    @Test
    void underscoresInNamesAreSignedAsDots() {
        Map<String, String> p = new HashMap<>();
        p.put("msgBody_1", "a");
        p.put("b", "c");
        assertThat(SignatureVerifier.canonicalQuery(p)).isEqualTo("b=c&msgBody.1=a");
    }

    @Test
    void theSecretKeyNeverAppearsInToString() {
        assertThat(verifier(new ManualClock(0), null).toString()).doesNotContain(SECRET_KEY);
    }

    private static void assertAuthFailed(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(CmqException.class, e -> {
            assertThat(e.error().code()).isEqualTo(4100);
            assertThat(e.error().module()).isEqualTo(10030);
        });
    }
}
