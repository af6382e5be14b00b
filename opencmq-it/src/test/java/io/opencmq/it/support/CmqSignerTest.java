package io.opencmq.it.support;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test client's signer reproduces the documented example, so server tests rest on the spec, not on each other. */
class CmqSignerTest {

    @Test
    void reproducesTheDocumentedSignatureExample() {
        Map<String, String> params = RawCmqClient.pairs(
                "Action", "SendMessage",
                "Nonce", "2889712707386595659",
                "RequestClient", "SDK_Python_1.3",
                "SecretId", "AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT",
                "SignatureMethod", "HmacSHA1",
                "Timestamp", "1534154812",
                "clientRequestId", "1231231231",
                "delaySeconds", "0",
                "msgBody", "msg",
                "queueName", "test1");

        String toSign = CmqSigner.stringToSign("POST", "cmq-queue-gz.api.tencentyun.com", "/v2/index.php", params);

        assertThat(toSign).isEqualTo("POSTcmq-queue-gz.api.tencentyun.com/v2/index.php?Action=SendMessage"
                + "&Nonce=2889712707386595659&RequestClient=SDK_Python_1.3&SecretId=AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT"
                + "&SignatureMethod=HmacSHA1&Timestamp=1534154812&clientRequestId=1231231231&delaySeconds=0"
                + "&msgBody=msg&queueName=test1");
        assertThat(CmqSigner.sign(toSign, "pPgfLipfEXZ7VcRzhAMIyPaU7UbQyFFx", CmqSigner.Algorithm.SHA1))
                .isEqualTo("C16WEtEXsD5v5tnaUMLAbZewXhI=");
    }

    @Test
    void replacesUnderscoreInKeysAndLeavesValuesRaw() {
        String toSign = CmqSigner.stringToSign("get", "h:1", "/p", RawCmqClient.pairs("msg_Body", "a&b=c d", "Signature", "x"));

        assertThat(toSign).isEqualTo("GETh:1/p?msg.Body=a&b=c d");
    }
}
