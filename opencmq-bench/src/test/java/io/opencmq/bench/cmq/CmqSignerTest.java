package io.opencmq.bench.cmq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.core.auth.Credentials;
import io.opencmq.protocol.cmq.auth.SignatureVerifier;
import io.opencmq.protocol.cmq.request.CmqParams;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmqSignerTest {

    @Test
    void signsTheDocumentedTestVector() {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("Action", "SendMessage");
        params.put("Nonce", "2889712707386595659");
        params.put("RequestClient", "SDK_Python_1.3");
        params.put("SecretId", "AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT");
        params.put("SignatureMethod", "HmacSHA1");
        params.put("Timestamp", "1534154812");
        params.put("clientRequestId", "1231231231");
        params.put("delaySeconds", "0");
        params.put("msgBody", "msg");
        params.put("queueName", "test1");

        String src = CmqSigner.canonical("POST", "cmq-queue-gz.api.tencentyun.com", params);
        String signature = new CmqSigner("pPgfLipfEXZ7VcRzhAMIyPaU7UbQyFFx", CmqSigner.SignatureMethod.HmacSHA1).sign(src);

        assertThat(signature).isEqualTo("C16WEtEXsD5v5tnaUMLAbZewXhI=");
    }

    @Test
    void theServersVerifierAcceptsAFormOnceAndRefusesItsReplay() {
        String host = "127.0.0.1:8731";
        Credentials credentials = new Credentials("AKIDtest", "secret-key");
        SignedForm form = new SignedForm(new CmqSigner(credentials.secretKey(), CmqSigner.SignatureMethod.HmacSHA256),
                host, credentials.secretId(), "SendMessage", List.of("queueName", "msgBody"));
        form.setConstant("queueName", "orders");
        form.setConstant("msgBody", "hello world/+=&%");
        long now = System.currentTimeMillis() / 1000;
        SignatureVerifier verifier = new SignatureVerifier(credentials, () -> now * 1000, 300, 1000, null);

        CmqParams params = CmqParams.parse("POST", null, body(form, 42, now));
        assertThat(params.get("msgBody")).isEqualTo("hello world/+=&%");
        assertThatCode(() -> verifier.verify("POST", host, CmqSigner.PATH, params)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify("POST", host, CmqSigner.PATH, CmqParams.parse("POST", null, body(form, 42, now))))
                .hasMessageContaining("already received");
        assertThatCode(() -> verifier.verify("POST", host, CmqSigner.PATH, CmqParams.parse("POST", null, body(form, 43, now))))
                .doesNotThrowAnyException();
    }

    @Test
    void writesAWholeHttpRequestWithItsContentLength() {
        SignedForm form = new SignedForm(new CmqSigner("k", CmqSigner.SignatureMethod.HmacSHA1),
                "localhost:1", "id", "BatchDeleteMessage", List.of("queueName", "receiptHandle.1", "receiptHandle.2"));
        ByteBuf out = Unpooled.buffer();
        form.encode(7, 1_700_000_000L, out);
        String request = out.toString(StandardCharsets.US_ASCII);

        assertThat(request).startsWith("POST /v2/index.php HTTP/1.1\r\nHost: localhost:1\r\n");
        String body = request.substring(request.indexOf("\r\n\r\n") + 4);
        assertThat(request).contains("Content-Length: " + body.length() + "\r\n");
        assertThat(body).startsWith("Action=BatchDeleteMessage&Nonce=7&SecretId=id&SignatureMethod=HmacSHA1&Timestamp=1700000000&queueName=&");
    }

    private static byte[] body(SignedForm form, long nonce, long timestamp) {
        ByteBuf out = Unpooled.buffer();
        form.encode(nonce, timestamp, out);
        String request = out.toString(StandardCharsets.US_ASCII);
        return request.substring(request.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII);
    }
}
