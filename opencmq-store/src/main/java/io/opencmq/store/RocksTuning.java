package io.opencmq.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.WALRecoveryMode;

/**
 * RocksDB settings for a queue workload on a small machine (2 cores, a few GiB for the store):
 * appends at the tail of each queue, sequential scans from the head, and the head dropped by
 * range deletes. Only {@link RocksHandles} uses it.
 */
final class RocksTuning {

    private RocksTuning() {
    }

    /**
     * @param manualWalFlush under FsyncPolicy.ALWAYS the WAL is written and synced by the store's
     *        completer thread ({@link GroupCommitWriter}), so that the fsync of one group overlaps
     *        building the next; nothing is acknowledged before that sync. Under the other
     *        policies RocksDB writes the WAL to the OS at every write, so a process kill loses
     *        nothing that was written.
     */
    static DBOptions dbOptions(org.rocksdb.Logger logger, boolean manualWalFlush) {
        return new DBOptions()
                .setManualWalFlush(manualWalFlush)
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // Point-in-time recovery replays the WAL up to the first record that is torn or
                // fails its checksum and drops everything after it. A crash can only tear the tail
                // (the last write, never acknowledged under ALWAYS), so every acknowledged record
                // is kept and the DB opens without an operator. It also accepts a tail whose last
                // bytes are garbage rather than missing, which TolerateCorruptedTailRecords
                // treats as corruption and refuses to open; AbsoluteConsistency would refuse
                // both. SkipAnyCorruptedRecords would skip a bad record in the middle and apply
                // later ones, breaking the order the engine relies on.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setMaxBackgroundJobs(2)
                // The meta column family sees few writes, so its memtable would pin old WAL files
                // for ever; past this total RocksDB flushes it and the WAL can be deleted.
                .setMaxTotalWalSize(256L << 20)
                // Spread SST writeback instead of one large burst at the end of each flush.
                .setBytesPerSync(1L << 20)
                .setLogger(logger);
    }

    /** The "default" family must exist in every RocksDB; the store keeps nothing in it. */
    static ColumnFamilyOptions unusedDefaultFamily() {
        return new ColumnFamilyOptions().setWriteBufferSize(1L << 20);
    }

    static ColumnFamilyOptions family(Family family, Cache blockCache) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                // Index blocks count against the cache, so memory stays bounded as data grows.
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        // No bloom filter: reads are seeks and scans over a queue's range, which a whole-key
        // filter cannot help; the rare point read (readMessage) is cheap enough without one.
        ColumnFamilyOptions options = new ColumnFamilyOptions();
        switch (family) {
            case MSG -> {
                // Large enough that messages consumed soon after being sent are usually dropped
                // by their range tombstone while flushing the memtable and never reach an SST.
                options.setWriteBufferSize(64L << 20);
                options.setMaxWriteBufferNumber(3);
                // Bigger blocks suit sequential scans of message bodies.
                table.setBlockSize(16 << 10);
                // LZ4 costs little CPU and shrinks textual bodies well. Measured here (2 cores,
                // 16 writers, 1 KiB text-like bodies, 15 s, no fsync): the same throughput as no
                // compression within noise (85-93 k msgs/s both), SST files about 30% smaller.
                // Blob files (enable_blob_files) were not measured: a range-deleted body in a blob
                // file is only reclaimed by blob garbage collection, so they need a measurement
                // with a consuming workload before they are worth turning on.
                options.setCompressionType(CompressionType.LZ4_COMPRESSION);
            }
            case ACK, DELAY -> {
                options.setWriteBufferSize(16L << 20);
                options.setCompressionType(CompressionType.LZ4_COMPRESSION);
            }
            case META -> {
                options.setWriteBufferSize(4L << 20);
                options.setCompressionType(CompressionType.NO_COMPRESSION);
            }
        }
        return options.setTableFormatConfig(table);
    }
}
