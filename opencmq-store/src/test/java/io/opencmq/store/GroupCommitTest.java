package io.opencmq.store;

import io.opencmq.core.error.QueueException;
import io.opencmq.core.spi.Mutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Concurrent writers share group commits, and writes complete in the order they were made. */
class GroupCommitTest {

    private static final int THREADS = 16;
    private static final int WRITES_PER_THREAD = 100;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void concurrentWritersAllCompleteAndShareGroups(FsyncPolicy policy) throws Exception {
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults().withFsyncPolicy(policy))) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long queue = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (long seq = 0; seq < WRITES_PER_THREAD; seq++) {
                            store.write(List.of(StoreScenario.message(queue, seq))).get(30, TimeUnit.SECONDS);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            int writes = THREADS * WRITES_PER_THREAD;
            assertThat(store.writesCommitted()).isEqualTo(writes);
            assertThat(store.groupsWritten()).as("group commits for %d writes", writes).isLessThan(writes);
            for (long queue = 0; queue < THREADS; queue++) {
                assertThat(store.firstSeq(queue)).isZero();
                assertThat(store.lastSeq(queue)).isEqualTo(WRITES_PER_THREAD - 1);
            }
        }
        try (RocksMessageStore reopened = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            for (long queue = 0; queue < THREADS; queue++) {
                assertThat(reopened.lastSeq(queue)).isEqualTo(WRITES_PER_THREAD - 1);
            }
        }
    }

    @Test
    void futuresCompleteInSubmissionOrderAndLaterWritesWin() {
        int writes = 500;
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                int index = i;
                // Every write replaces the same key: the last submitted must be what is stored.
                futures.add(store.write(List.of(new Mutation.PutNodeValue("counter", StoreScenario.bytes("" + i))))
                        .thenRun(() -> completed.add(index)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

            assertThat(completed).isSorted().hasSize(writes);
            assertThat(store.readNodeValue("counter")).isEqualTo(StoreScenario.bytes("" + (writes - 1)));
            assertThat(store.groupsWritten()).isLessThan(writes);
        }
    }

    @Test
    void intervalPolicyFsyncsTheWalInTheBackground() throws InterruptedException {
        StoreOptions options = new StoreOptions(FsyncPolicy.INTERVAL, 10, 1 << 20);
        try (RocksMessageStore store = RocksMessageStore.open(dir, options)) {
            store.write(List.of(StoreScenario.message(1, 0))).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.walSyncsDone() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store.walSyncsDone()).isGreaterThanOrEqualTo(3);
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER))) {
            store.write(List.of(StoreScenario.message(1, 1))).join();
            assertThat(store.walSyncsDone()).isZero();
            assertThat(store.lastSeq(1)).isEqualTo(1);
        }
    }

    @Test
    void closeCompletesPendingWritesAndRefusesLaterOnes() {
        RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long seq = 0; seq < 200; seq++) {
            futures.add(store.write(List.of(StoreScenario.message(1, seq))));
        }
        store.close();
        store.close();

        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(store.write(List.of(StoreScenario.message(1, 200))))
                .failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("closed");
        assertThatThrownBy(() -> store.lastSeq(1)).isInstanceOf(QueueException.class).hasMessageContaining("closed");
        try (RocksMessageStore reopened = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            assertThat(reopened.lastSeq(1)).isEqualTo(199);
        }
    }
}
