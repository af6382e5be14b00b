package io.opencmq.store;

import org.rocksdb.RocksDBException;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fsync half of {@link FsyncPolicy#INTERVAL}: every interval it writes RocksDB's WAL buffer
 * to the OS and fsyncs it ({@code FlushWAL(sync=true)}), which RocksDB allows while writes go on.
 * A failed fsync marks the store broken (see {@link StoreHealth}): after one, the kernel may
 * have dropped the dirty pages, so retrying would not bring them back.
 *
 * <p>Threading: owns one daemon thread; created and closed by {@link RocksMessageStore}.
 */
final class WalSyncer implements AutoCloseable {

    private final RocksHandles rocks;
    private final StoreHealth health;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("opencmq-store-wal-sync").daemon(true).unstarted(task));
    /** Written only by the timer thread. */
    private volatile long syncsDone;

    WalSyncer(RocksHandles rocks, long intervalMillis, StoreHealth health) {
        this.rocks = rocks;
        this.health = health;
        timer.scheduleWithFixedDelay(this::sync, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void sync() {
        if (health.failure() != null) {
            return;
        }
        try {
            rocks.db().flushWal(true);
            syncsDone++;
        } catch (RocksDBException | RuntimeException e) {
            health.fail("the periodic WAL fsync", e);
        }
    }

    /** Completed fsyncs; for tests. */
    long syncsDone() {
        return syncsDone;
    }

    /** Cancels the timer and waits for a sync in progress, so RocksDB can be closed safely after. */
    @Override
    public void close() {
        timer.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (timer.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
