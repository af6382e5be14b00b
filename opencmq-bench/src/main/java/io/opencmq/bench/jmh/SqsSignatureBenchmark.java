package io.opencmq.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.bench.sqs.JsonBody;
import io.opencmq.bench.sqs.SigV4Signer;
import io.opencmq.bench.sqs.SqsRequest;
import io.opencmq.core.auth.Credentials;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.auth.SigV4Verifier;
import io.opencmq.protocol.sqs.auth.SignedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SigV4 of a 1 KiB SendMessage in the JSON 1.0 protocol, both sides: {@code clientSign} is the
 * bench's encoder (JSON body, payload hash, canonical request, HMAC, HTTP bytes);
 * {@code serverVerify} is the server's {@code SigV4Verifier} over one such request as the
 * router hands it over (headers already split). The CMQ counterpart is {@link SignatureBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqsSignatureBenchmark {
    private static final String HOST = "127.0.0.1:8731";
    private static final byte[] QUEUE_URL = "{\"QueueUrl\":\"http://127.0.0.1:8731/000000000000/bench\",\"MessageBody\":"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = {'}'};

    private SqsRequest request;
    private final JsonBody json = new JsonBody();
    private byte[] body;
    private final ByteBuf out = Unpooled.buffer(4096);
    private SigV4Verifier verifier;
    private SqsHttpRequest signed;

    @Setup
    public void setUp() {
        Credentials credentials = new Credentials("AKIDjmh", "0123456789abcdef0123456789abcdef");
        request = new SqsRequest(new SigV4Signer(credentials.secretKey(), "us-east-1", "sqs"), HOST,
                credentials.secretId(), "SendMessage");
        body = EngineFixture.bodies(1, 1024).get(0);
        verifier = new SigV4Verifier(credentials, System::currentTimeMillis, 900);
        sign();
        String text = out.toString(StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String line : text.substring(0, headerEnd).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] payload = text.substring(headerEnd + 4).getBytes(StandardCharsets.UTF_8);
        signed = new SqsHttpRequest("POST", "/", "", headers, payload, "jmh");
    }

    @Benchmark
    public ByteBuf clientSign() {
        return sign();
    }

    @Benchmark
    public SignedRequest serverVerify() {
        return verifier.verify(signed);
    }

    private ByteBuf sign() {
        out.clear();
        json.reset().raw(QUEUE_URL).string(body, 0, body.length).raw(END);
        request.encode(json.bytes(), json.length(), System.currentTimeMillis(), out);
        return out;
    }
}
