package io.opencmq.bench.jmh;

import io.opencmq.bench.cmq.CmqResponses;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.cmq.CmqHttpRequest;
import io.opencmq.protocol.cmq.action.CmqActionRegistry;
import io.opencmq.protocol.cmq.action.queue.QueueActions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CMQ front without HTTP: {@code CmqApi.handle} parsing a form body, running the action
 * on the engine (in-heap store) and encoding the JSON answer. Signatures are off here
 * ({@link SignatureBenchmark} measures them), so {@code sendMessage} minus
 * {@link EngineBenchmark#send} is the cost of parsing and encoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CmqApiBenchmark {
    private static final String HOST = "127.0.0.1:8731";
    private static final String PATH = "/v2/index.php";

    private EngineFixture fixture;
    private CmqApi api;
    private byte[] sendBody;
    private byte[] batchSendBody;
    private byte[] receiveBody;

    @Setup(Level.Iteration)
    public void setUp() {
        fixture = EngineFixture.inMemory();
        api = new CmqApi(new CmqActionRegistry(QueueActions.all(fixture.broker)), new Credentials("AKIDjmh", "key"), new CmqApiOptions(false, 300, 1000, null), Clock.SYSTEM);
        String body = new String(EngineFixture.bodies(1, 1024).get(0), StandardCharsets.US_ASCII);
        sendBody = ("Action=SendMessage&queueName=" + EngineFixture.QUEUE + "&msgBody=" + body).getBytes(StandardCharsets.US_ASCII);
        StringBuilder batch = new StringBuilder("Action=BatchSendMessage&queueName=" + EngineFixture.QUEUE);
        for (int i = 1; i <= 16; i++) {
            batch.append("&msgBody.").append(i).append('=').append(body);
        }
        batchSendBody = batch.toString().getBytes(StandardCharsets.US_ASCII);
        receiveBody = ("Action=BatchReceiveMessage&queueName=" + EngineFixture.QUEUE + "&numOfMsg=16&pollingWaitSeconds=0")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public byte[] sendMessage() {
        return api.handle(new CmqHttpRequest("POST", HOST, PATH, null, sendBody, "jmh")).join();
    }

    @Benchmark
    public byte[] batchSendMessage16() {
        return api.handle(new CmqHttpRequest("POST", HOST, PATH, null, batchSendBody, "jmh")).join();
    }

    /**
     * The cycle of 16 messages: BatchSendMessage and BatchReceiveMessage through the API, then
     * a delete of the received handles straight on the engine (so the queue stays empty).
     * Minus {@link EngineBenchmark#cycleBatch16} this is the API's parse and encode of a batch
     * send and a batch receive.
     */
    @Benchmark
    public Object batchSend16BatchReceive16ThenEngineDelete() {
        api.handle(new CmqHttpRequest("POST", HOST, PATH, null, batchSendBody, "jmh")).join();
        byte[] json = api.handle(new CmqHttpRequest("POST", HOST, PATH, null, receiveBody, "jmh")).join();
        List<String> handles = new ArrayList<>(16);
        CmqResponses.forEachMessage(json, json.length, (i, h, hl, b, bl) ->
                handles.add(new String(json, h, hl, StandardCharsets.US_ASCII)));
        return fixture.broker.deleteMessages(EngineFixture.QUEUE, handles).join();
    }
}
