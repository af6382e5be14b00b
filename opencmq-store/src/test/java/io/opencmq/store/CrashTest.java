package io.opencmq.store;

import io.opencmq.core.spi.StoredMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writing process with SIGKILL and checks that every write it saw acknowledged is
 * there after reopening. For ALWAYS that holds even for power loss; for NEVER (and so for
 * INTERVAL) it holds for a process kill, because an acknowledged write is already in the OS.
 */
class CrashTest {

    private static final int ACKS_BEFORE_KILL = 2_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"ALWAYS", "NEVER"})
    void everyAcknowledgedWriteSurvivesAKill(FsyncPolicy policy) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), policy.name())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<Long, Long> lastAcked = new HashMap<>();
        int acks = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    String[] parts = line.split(" ");
                    lastAcked.merge(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Math::max);
                    if (++acks == ACKS_BEFORE_KILL) {
                        // SIGKILL through the handle: Process.destroyForcibly would also close our end
                        // of the pipe, losing acks the child printed just before it died.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acks).as("acknowledged writes seen before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            for (var acked : lastAcked.entrySet()) {
                long queue = acked.getKey();
                List<Long> seqs = new ArrayList<>();
                store.scanMessages(queue, 0, Long.MAX_VALUE, Integer.MAX_VALUE, s -> false, m -> {
                    assertIntact(queue, m);
                    seqs.add(m.seq());
                });
                // What survives is a prefix of each writer's sequence, so seqs are 0..n-1 with no hole,
                // and it holds every acknowledged write (plus at most the one in flight).
                assertThat(seqs).as("queue %d", queue).hasSizeGreaterThan((int) (long) acked.getValue());
                assertThat(seqs.getLast()).as("queue %d", queue).isEqualTo(seqs.size() - 1L);
                assertThat(seqs.getLast() - acked.getValue()).as("queue %d", queue).isBetween(0L, 1L);
            }
        }
    }

    private static void assertIntact(long queue, StoredMessage m) {
        assertThat(m.body()).isEqualTo(CrashWriter.body(queue, m.seq()));
        assertThat(m.enqueueTimeMillis()).isEqualTo(m.seq());
    }
}
