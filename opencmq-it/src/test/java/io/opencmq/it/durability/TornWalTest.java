package io.opencmq.it.durability;

import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A torn or dirty tail of the write-ahead log, as a crash in the middle of a write can leave
 * it: after a kill -9, the newest WAL file ({@code *.log} under {@code <dataDir>/store}) loses
 * its last bytes or gains garbage. The server must still start, and everything acknowledged
 * before the damaged last write must be there, once.
 */
class TornWalTest {

    static final int EARLY_MESSAGES = 40;

    @TempDir
    Path temp;

    /** What was acknowledged before the last write, and in the last write. */
    record Sent(String queueName, List<String> early, List<String> lastBatch) {
    }

    @Test
    void truncatedTailIsDroppedAndEarlierWritesSurvive() throws IOException {
        Path dataDir = temp.resolve("data");
        Sent sent = sendThenKill(dataDir);
        Path wal = newestWal(dataDir);
        long size = Files.size(wal);
        long cut = 7;
        assertThat(size).as("the newest WAL holds the writes of the killed run").isGreaterThan(cut);
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ch.truncate(size - cut);
        }
        System.out.printf("torn WAL: cut %d of %d bytes off %s%n", cut, size, wal.getFileName());

        Map<String, Integer> found = restartAndDrain(dataDir, sent);

        assertThat(found.keySet()).as("acknowledged before the last batch").containsAll(sent.early());
    }

    @Test
    void garbageAfterTheLastRecordIsIgnored() throws IOException {
        Path dataDir = temp.resolve("data");
        Sent sent = sendThenKill(dataDir);
        Path wal = newestWal(dataDir);
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        Files.write(wal, garbage, StandardOpenOption.APPEND);
        System.out.printf("dirty WAL: appended %d bytes to %s%n", garbage.length, wal.getFileName());

        Map<String, Integer> found = restartAndDrain(dataDir, sent);

        assertThat(found.keySet()).as("acknowledged before the last batch").containsAll(sent.early());
        assertThat(found.keySet()).as("the last batch was complete on disk before the garbage").containsAll(sent.lastBatch());
    }

    /** Sends EARLY_MESSAGES one by one, then one last batch, all acknowledged, then SIGKILLs the server. */
    private static Sent sendThenKill(Path dataDir) {
        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = RawQueue.create(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS), "torn");
            List<String> early = new ArrayList<>();
            for (int i = 0; i < EARLY_MESSAGES; i++) {
                String body = "early-" + i;
                queue.sendOk(body);
                early.add(body);
            }
            List<String> last = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                last.add("last-" + i);
            }
            queue.batchSend(last).assertOk();
            child.kill();
            return new Sent(queue.name(), early, last);
        }
    }

    private static Map<String, Integer> restartAndDrain(Path dataDir, Sent sent) {
        try (ChildServer restarted = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = new RawQueue(new RawCmqClient(restarted.endpoint(), TestServer.CREDENTIALS), sent.queueName());
            Map<String, Integer> found = Drain.queue(queue, sent.early().size(), Duration.ofSeconds(30));
            long lastFound = sent.lastBatch().stream().filter(found::containsKey).count();
            System.out.printf("after WAL damage: early acked=%d, last batch acked=%d; found=%d (last batch %d)%n",
                    sent.early().size(), sent.lastBatch().size(), found.size(), lastFound);
            assertThat(found.values()).as("nothing twice: %s", found).allMatch(n -> n == 1);
            assertThat(restarted.isAlive()).isTrue();
            return found;
        }
    }

    /** The WAL file with the highest number: RocksDB names them NNNNNN.log in increasing order. */
    private static Path newestWal(Path dataDir) throws IOException {
        Path store = dataDir.resolve("store");
        try (Stream<Path> files = Files.walk(store)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            return all.stream()
                    .filter(p -> p.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no *.log WAL file under " + store + "; files: " + all));
        }
    }
}
