package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.spi.Mutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After RocksDB rejects a write, the store refuses every later write instead of carrying on. */
class StoreFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteBreaksTheStoreForGood() throws Exception {
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            store.write(List.of(StoreScenario.message(1, 0))).join();
            // A real RocksDB error: a write batch naming a column family that no longer exists.
            store.rocks().db().dropColumnFamily(store.rocks().family(Family.ACK));

            CompletableFuture<Void> failed = store.write(List.of(new Mutation.PutAckChunk(1, 0, new long[16])));
            assertUnavailable(failed);
            // This write alone would succeed, but the store no longer trusts itself.
            assertUnavailable(store.write(List.of(StoreScenario.message(1, 1))));

            assertThat(store.lastSeq(1)).as("reads still work").isZero();
        }
    }

    @Test
    void malformedMutationsAreRejectedBeforeAnythingIsWritten() {
        try (RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.write(List.of(StoreScenario.message(1, 0), StoreScenario.message(-1, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueId");
            assertThatThrownBy(() -> store.write(List.of(new Mutation.PutDelay(1, -5, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dueMillis");

            assertThat(store.firstSeq(1)).isEqualTo(-1);
            store.write(List.of(StoreScenario.message(1, 3))).join();
            assertThat(store.firstSeq(1)).as("the store still works").isEqualTo(3);
        }
    }

    private static void assertUnavailable(CompletableFuture<Void> write) {
        assertThatThrownBy(write::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(QueueException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.UNAVAILABLE));
    }
}
