package io.opencmq.store;

import java.util.Objects;

/**
 * How a {@link RocksMessageStore} trades durability for speed and how much memory it caches.
 *
 * @param fsyncPolicy         when a write counts as done, see {@link FsyncPolicy}
 * @param fsyncIntervalMillis how often the WAL is fsynced under {@link FsyncPolicy#INTERVAL}; ignored otherwise
 * @param blockCacheBytes     size of the block cache shared by all column families
 */
public record StoreOptions(FsyncPolicy fsyncPolicy, long fsyncIntervalMillis, long blockCacheBytes) {

    public StoreOptions {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        if (fsyncIntervalMillis <= 0) {
            throw new IllegalArgumentException("fsyncIntervalMillis must be positive: " + fsyncIntervalMillis);
        }
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException("blockCacheBytes must not be negative: " + blockCacheBytes);
        }
    }

    /** Fsync every write, sync every 100 ms if switched to INTERVAL, 64 MiB of block cache. */
    public static StoreOptions defaults() {
        return new StoreOptions(FsyncPolicy.ALWAYS, 100, 64L << 20);
    }

    public StoreOptions withFsyncPolicy(FsyncPolicy p) {
        return new StoreOptions(p, fsyncIntervalMillis, blockCacheBytes);
    }
}
