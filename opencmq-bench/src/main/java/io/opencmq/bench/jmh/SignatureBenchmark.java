package io.opencmq.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.bench.cmq.CmqSigner;
import io.opencmq.bench.cmq.SignedForm;
import io.opencmq.core.auth.Credentials;
import io.opencmq.protocol.cmq.auth.SignatureVerifier;
import io.opencmq.protocol.cmq.request.CmqParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signature check of a 1 KiB SendMessage: the server's {@code SignatureVerifier} over parsed
 * parameters (canonical string, HMAC, replay cache). Every request must be new (replays are
 * refused), so each operation first signs a fresh one with the bench's allocation-free
 * encoder ({@code clientSign} alone is that part) and parses it ({@code clientSignAndParse}).
 * Verification = {@code signParseVerify} minus {@code clientSignAndParse}.
 *
 * <p>The verifier's clock advances one second per 100,000 operations and its window is 2 s,
 * so the replay cache stays small however long the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {
    private static final String HOST = "127.0.0.1:8731";
    private static final long OPS_PER_SECOND_OF_CLOCK = 100_000;

    @Param({"HmacSHA256", "HmacSHA1"})
    public CmqSigner.SignatureMethod method;

    private SignedForm form;
    private SignatureVerifier verifier;
    private final ByteBuf out = Unpooled.buffer(4096);
    private long ops;
    private final long baseSecond = System.currentTimeMillis() / 1000;

    @Setup
    public void setUp() {
        Credentials credentials = new Credentials("AKIDjmh", "0123456789abcdef0123456789abcdef");
        form = new SignedForm(new CmqSigner(credentials.secretKey(), method), HOST, credentials.secretId(),
                "SendMessage", List.of("queueName", "msgBody"));
        form.setConstant("queueName", "bench");
        byte[] body = EngineFixture.bodies(1, 1024).get(0);
        form.set(form.slot("msgBody"), body, body.length);
        verifier = new SignatureVerifier(credentials, () -> (baseSecond + ops / OPS_PER_SECOND_OF_CLOCK) * 1000, 2, 1_000_000, null);
    }

    @Benchmark
    public ByteBuf clientSign() {
        return sign();
    }

    @Benchmark
    public CmqParams clientSignAndParse() {
        return parse(sign());
    }

    @Benchmark
    public CmqParams signParseVerify() {
        CmqParams params = parse(sign());
        verifier.verify("POST", HOST, CmqSigner.PATH, params);
        return params;
    }

    private ByteBuf sign() {
        out.clear();
        ops++;
        form.encode(ops, baseSecond + ops / OPS_PER_SECOND_OF_CLOCK, out);
        return out;
    }

    private static CmqParams parse(ByteBuf request) {
        int start = request.indexOf(request.readerIndex(), request.writerIndex(), (byte) '\n');
        while (request.getByte(start + 1) != '\r') {
            start = request.indexOf(start + 1, request.writerIndex(), (byte) '\n');
        }
        byte[] body = new byte[request.writerIndex() - start - 3];
        request.getBytes(start + 3, body);
        return CmqParams.parse("POST", null, body);
    }
}
