package io.opencmq.store;

import io.opencmq.core.spi.Mutation;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash can tear the last WAL record: cut it short, or leave garbage where its end should be.
 * The store must open anyway and keep every record before the tear.
 *
 * <p>Closing the store fsyncs the WAL but does not flush memtables (RocksDB flushes on close
 * only data written without a WAL), so after close the messages exist only in the WAL, as after
 * a crash; the test checks that no SST file exists before it tears the log.
 */
class TornWalTest {

    private static final int MESSAGES = 100;
    private static final long QUEUE = 7;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"truncate", "garble"})
    void tornLastRecordIsDroppedAndEverythingBeforeItKept(String damage) throws IOException {
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            store.write(List.of(new Mutation.PutQueueMeta(QUEUE, StoreScenario.bytes("meta")))).join();
            for (long seq = 0; seq < MESSAGES; seq++) {
                // One write after another: each is its own WAL record.
                store.write(List.of(StoreScenario.message(QUEUE, seq))).join();
            }
        }
        assertThat(filesEndingWith(".sst")).as("data must live only in the WAL").isEmpty();
        Path wal = filesEndingWith(".log").stream().max(Comparator.naturalOrder()).orElseThrow();
        tear(wal, damage);

        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            assertThat(store.loadQueueMetas()).containsOnlyKeys(QUEUE);
            assertThat(seqs(store)).containsExactlyElementsOf(range(0, MESSAGES - 1));
            // The store goes on accepting writes after the recovery...
            store.write(List.of(StoreScenario.message(QUEUE, MESSAGES - 1))).join();
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            // ...and keeps them.
            assertThat(seqs(store)).containsExactlyElementsOf(range(0, MESSAGES));
        }
    }

    private static void tear(Path wal, String damage) throws IOException {
        long size = Files.size(wal);
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            switch (damage) {
                case "truncate" -> ch.truncate(size - 20);
                case "garble" -> ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), size - 10);
                default -> throw new IllegalArgumentException(damage);
            }
        }
    }

    private static List<Long> seqs(RocksMessageStore store) {
        List<Long> seqs = new ArrayList<>();
        store.scanMessages(QUEUE, 0, Long.MAX_VALUE, Integer.MAX_VALUE, s -> false, m -> {
            assertThat(m.body()).isEqualTo(StoreScenario.message(QUEUE, m.seq()).body());
            seqs.add(m.seq());
        });
        return seqs;
    }

    private static List<Long> range(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long s = from; s < to; s++) {
            seqs.add(s);
        }
        return seqs;
    }

    private List<Path> filesEndingWith(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
