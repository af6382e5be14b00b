package io.opencmq.bench.sqs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.core.auth.Credentials;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.auth.SigV4Verifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's encoder against the server's own SigV4 check (protocol-sqs is on the classpath through the server). */
class SqsRequestTest {
    private static final String HOST = "127.0.0.1:18950";
    private static final Credentials CREDENTIALS = new Credentials("AKIDbench", "bench-secret");

    @Test
    void theServersVerifierAcceptsTheRequestAndRefusesAChangedBody() {
        long now = System.currentTimeMillis();
        SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, () -> now, 900);
        SqsRequest request = new SqsRequest(new SigV4Signer(CREDENTIALS.secretKey(), "us-east-1", "sqs"), HOST,
                CREDENTIALS.secretId(), "SendMessage");
        byte[] json = "{\"QueueUrl\":\"http://127.0.0.1:18950/000000000000/bench\",\"MessageBody\":\"a \\\"b\\\" é\"}"
                .getBytes(StandardCharsets.UTF_8);

        SqsHttpRequest parsed = parse(encode(request, json, now));

        assertThat(parsed.header("x-amz-target")).isEqualTo("AmazonSQS.SendMessage");
        assertThat(parsed.header("content-type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(parsed.body()).isEqualTo(json);
        assertThat(verifier.verify(parsed).accessKeyId()).isEqualTo("AKIDbench");

        byte[] changed = parsed.body().clone();
        changed[changed.length - 3] = 'x';
        SqsHttpRequest tampered = new SqsHttpRequest("POST", "/", "", parsed.headers(), changed, "test");
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(SqsException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void signsWithTheTimeGivenAndTheServerChecksIt() {
        long now = System.currentTimeMillis();
        SqsRequest request = new SqsRequest(new SigV4Signer(CREDENTIALS.secretKey(), "us-east-1", "sqs"), HOST,
                CREDENTIALS.secretId(), "ReceiveMessage");
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);

        SqsHttpRequest old = parse(encode(request, json, now - 20 * 60_000));
        SqsHttpRequest fresh = parse(encode(request, json, now));

        SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, () -> now, 900);
        assertThatThrownBy(() -> verifier.verify(old)).isInstanceOf(SqsException.class);
        assertThatCode(() -> verifier.verify(fresh)).doesNotThrowAnyException();
        SigV4Verifier otherKey = new SigV4Verifier(new Credentials("AKIDbench", "another-secret"), () -> now, 900);
        assertThatThrownBy(() -> otherKey.verify(fresh)).isInstanceOf(SqsException.class);
    }

    @Test
    void writesContentLengthAndTheAuthorizationHeaderAsAnSdkWould() {
        SqsRequest request = new SqsRequest(new SigV4Signer("k", "us-east-1", "sqs"), "localhost:1", "id", "DeleteMessageBatch");
        byte[] json = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        String text = new String(encode(request, json, 1_700_000_000_000L), StandardCharsets.UTF_8);

        assertThat(text).startsWith("POST / HTTP/1.1\r\nHost: localhost:1\r\n")
                .contains("\r\nX-Amz-Date: 20231114T221320Z\r\n")
                .contains("\r\nAuthorization: AWS4-HMAC-SHA256 Credential=id/20231114/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=")
                .contains("\r\nContent-Length: 7\r\n\r\n")
                .endsWith("\r\n\r\n{\"x\":1}");
    }

    private static byte[] encode(SqsRequest request, byte[] json, long millis) {
        ByteBuf out = Unpooled.buffer();
        request.encode(json, json.length, millis, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** Splits raw request bytes as the server's router does: lower-cased header names, the body as sent. */
    private static SqsHttpRequest parse(byte[] raw) {
        int end = 0;
        while (!(raw[end] == '\r' && raw[end + 1] == '\n' && raw[end + 2] == '\r' && raw[end + 3] == '\n')) {
            end++;
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        assertThat(Integer.parseInt(headers.get("content-length"))).isEqualTo(body.length);
        return new SqsHttpRequest(requestLine[0], requestLine[1], "", headers, body, "test");
    }
}
