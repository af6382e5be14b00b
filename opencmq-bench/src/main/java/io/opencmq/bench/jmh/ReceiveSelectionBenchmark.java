package io.opencmq.bench.jmh;

import io.opencmq.core.message.ReceivedMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receive selection with a backlog: send 16, receive 16 and delete them, so the backlog
 * stays the same, on a queue holding {@code backlog} messages (0 = near empty). The difference
 * between the two backlogs is what a deep queue costs the selection (window refill from the
 * store, ack bitmap, skip of deleted seqs). In-heap store, 128-byte bodies so that a million
 * messages fit the fork's heap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class ReceiveSelectionBenchmark {
    @Param({"0", "1000000"})
    public int backlog;

    private EngineFixture fixture;
    private List<byte[]> sixteen;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = EngineFixture.inMemory();
        sixteen = EngineFixture.bodies(16, 128);
        for (int sent = 0; sent < backlog; sent += 16) {
            fixture.broker.send(EngineFixture.QUEUE, sixteen, 0).join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public Object send16Receive16Delete16() {
        fixture.broker.send(EngineFixture.QUEUE, sixteen, 0).join();
        List<ReceivedMessage> got = fixture.broker.receive(EngineFixture.QUEUE, 16, 0).join();
        return fixture.broker.deleteMessages(EngineFixture.QUEUE, EngineBenchmark.handles(got)).join();
    }
}
