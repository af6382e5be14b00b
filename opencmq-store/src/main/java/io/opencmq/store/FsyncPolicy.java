package io.opencmq.store;

/**
 * When a write's future completes relative to the fsync of RocksDB's write-ahead log.
 * What each policy can lose is spelled out in {@link RocksMessageStore}'s class comment.
 */
public enum FsyncPolicy {
    /** The future completes only after the WAL holding the write was fsynced (the default). */
    ALWAYS,
    /** The future completes once the write is in the OS; a background task fsyncs the WAL every interval. */
    INTERVAL,
    /** The future completes once the write is in the OS; the store never fsyncs the WAL on its own. */
    NEVER
}
