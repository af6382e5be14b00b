package io.opencmq.bench.jmh;

import io.opencmq.core.spi.Mutation;
import io.opencmq.store.FsyncPolicy;
import io.opencmq.store.RocksMessageStore;
import io.opencmq.store.StoreOptions;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Storage append: {@code RocksMessageStore.write} of one 1 KiB message, waiting for its
 * future, with fsync ALWAYS (each write waits for a WAL fsync, shared by concurrent writers:
 * run with {@code -t 16} to see group commit) and NEVER (page cache only). The database lives
 * in a temp dir under {@code java.io.tmpdir}, so the disk behind it is what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class StoreAppendBenchmark {
    @Param({"ALWAYS", "NEVER"})
    public FsyncPolicy fsync;

    private Path dir;
    private RocksMessageStore store;
    private final AtomicLong seq = new AtomicLong();
    private final byte[] body = EngineFixture.bodies(1, 1024).get(0);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("opencmq-jmh-store-");
        store = RocksMessageStore.open(dir, StoreOptions.defaults().withFsyncPolicy(fsync));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object append1KiB() {
        long now = System.currentTimeMillis();
        return store.write(List.of(new Mutation.PutMessage(1, seq.getAndIncrement(), now, now, body))).join();
    }
}
