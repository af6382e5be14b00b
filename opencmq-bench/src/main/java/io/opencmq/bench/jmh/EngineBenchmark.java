package io.opencmq.bench.jmh;

import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command apply in the engine: {@code Broker} send, batch send, and the full
 * send/receive/delete of one message and of a batch of 16, over the in-heap store (so the
 * numbers are the engine's own, without RocksDB or fsync). 1 KiB bodies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EngineBenchmark {
    private EngineFixture fixture;
    private List<byte[]> one;
    private List<byte[]> sixteen;

    @Setup(Level.Iteration)
    public void setUp() {
        fixture = EngineFixture.inMemory();
        one = EngineFixture.bodies(1, 1024);
        sixteen = EngineFixture.bodies(16, 1024);
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        fixture.close();
    }

    /** Sends accumulate a backlog in the heap; the fork's heap and per-iteration setup bound it. */
    @Benchmark
    public List<SentMessage> send() {
        return fixture.broker.send(EngineFixture.QUEUE, one, 0).join();
    }

    @Benchmark
    public List<SentMessage> sendBatch16() {
        return fixture.broker.send(EngineFixture.QUEUE, sixteen, 0).join();
    }

    @Benchmark
    public Object cycleOne() {
        fixture.broker.send(EngineFixture.QUEUE, one, 0).join();
        List<ReceivedMessage> got = fixture.broker.receive(EngineFixture.QUEUE, 1, 0).join();
        return fixture.broker.deleteMessages(EngineFixture.QUEUE, handles(got)).join();
    }

    @Benchmark
    public Object cycleBatch16() {
        fixture.broker.send(EngineFixture.QUEUE, sixteen, 0).join();
        List<ReceivedMessage> got = fixture.broker.receive(EngineFixture.QUEUE, 16, 0).join();
        return fixture.broker.deleteMessages(EngineFixture.QUEUE, handles(got)).join();
    }

    static List<String> handles(List<ReceivedMessage> messages) {
        List<String> handles = new ArrayList<>(messages.size());
        for (ReceivedMessage m : messages) {
            handles.add(m.receiptHandle());
        }
        return handles;
    }
}
