package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.StoredMessage;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The durable {@link MessageStore}: the core's storage port on RocksDB, with the semantics of
 * {@link io.opencmq.core.store.MemoryMessageStore}. The server opens one per node and hands it to
 * the engine ({@code Broker.open}), which is its only caller; the engine calls the recovery reads
 * once at start, then writes through {@link #write} and reads back windows of messages.
 *
 * <h2>On-disk format</h2>
 * A RocksDB directory with four column families (besides the unused "default"); numbers are
 * 8-byte big-endian, so byte order equals numeric order (all ids, seqs, chunks and due times are
 * non-negative). Full description: {@code docs/formats/storage.md}.
 * <pre>
 *   family  key                          value
 *   meta    0x01 · queueId               the engine's queue meta record (opaque)
 *           0x02 · UTF-8 name            a node-wide value (opaque)
 *   msg     queueId · seq                [version 0x01][enqueueTimeMillis 8][visibleAtMillis 8][body]
 *   ack     queueId · chunk              the chunk's long[] bit words, each 8 bytes big-endian
 *   delay   queueId · dueMillis · seq    empty
 * </pre>
 * Deletes of messages, ack chunks and delay entries are RocksDB range deletes, one tombstone per
 * mutation however many keys it covers; {@code DropQueue} range-deletes the queue's prefix in
 * msg, ack and delay and deletes its meta key. Nothing on the hot path deletes single keys.
 *
 * <h2>Writes and fsync</h2>
 * {@link #write} encodes the mutations on the caller's thread and queues them; one writer thread
 * ({@link GroupCommitWriter}) writes everything queued as one atomic WriteBatch and completes the
 * futures in call order, so concurrent callers share one WAL write and, under ALWAYS, one fsync.
 * RocksDB's {@code manual_wal_flush} stays off, so even an unsynced write has reached the OS
 * (a {@code write(2)} into the page cache) before RocksDB's Write returns. Hence:
 * <ul>
 *   <li>{@link FsyncPolicy#ALWAYS}: the batch is written with {@code sync=true} (the WAL is
 *       fdatasync'ed) before any of its futures completes. A process kill or a power failure loses
 *       no write whose future completed; a write torn by the crash was never acknowledged.</li>
 *   <li>{@link FsyncPolicy#INTERVAL}: futures complete after the unsynced write; {@link WalSyncer}
 *       fsyncs the WAL every {@code fsyncIntervalMillis}. A process kill loses nothing acknowledged
 *       (the kernel still has it); a power failure or kernel crash loses up to the last interval
 *       (plus the duration of a sync in progress) of acknowledged writes.</li>
 *   <li>{@link FsyncPolicy#NEVER}: as INTERVAL, but the store never fsyncs the WAL: a process kill
 *       loses nothing acknowledged; a power failure loses whatever the kernel had not written back
 *       yet (on Linux by default dirty pages older than about 30 s are written back).</li>
 * </ul>
 * Under every policy, what survives is a prefix of the write order: recovery stops at the first
 * torn or corrupt WAL record (see {@link RocksTuning#dbOptions}) and never applies a later one.
 * If a write or fsync fails, the store refuses every later write ({@link StoreHealth}).
 *
 * <h2>Threading</h2>
 * {@link #write} and all reads are safe from any thread. Reads see every write whose future has
 * completed (RocksDB applies a batch to its memtables before Write returns). Consumers passed to
 * reads run on the caller's thread while an iterator is open; they must not block for long.
 * {@link #close} waits for reads in progress and fails reads and writes that come after it.
 */
public final class RocksMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksMessageStore.class);

    private final Path directory;
    private final RocksHandles rocks;
    private final StoreHealth health;
    private final GroupCommitWriter writer;
    /** Null unless the policy is INTERVAL. */
    private final WalSyncer walSyncer;

    /** Reads hold the read lock so that {@link #close} cannot free native handles under them. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Set once, under both {@code this} and the write lock of {@link #lifecycle}; read under either. */
    private boolean closed;

    private RocksMessageStore(Path directory, RocksHandles rocks, StoreOptions options) {
        this.directory = directory;
        this.rocks = rocks;
        this.health = new StoreHealth();
        this.writer = new GroupCommitWriter(rocks, options.fsyncPolicy(), health);
        this.walSyncer = options.fsyncPolicy() == FsyncPolicy.INTERVAL
                ? new WalSyncer(rocks, options.fsyncIntervalMillis(), health)
                : null;
    }

    /**
     * Opens the store in {@code directory}, creating it if missing, and recovers what the WAL
     * holds (a torn last record is dropped; RocksDB's warning about it is logged).
     *
     * @throws UncheckedIOException if the directory cannot be created or RocksDB cannot open it
     */
    public static RocksMessageStore open(Path directory, StoreOptions options) {
        long started = System.nanoTime();
        WalInventory wal;
        RocksHandles rocks;
        try {
            Files.createDirectories(directory);
            wal = WalInventory.of(directory);
            rocks = RocksHandles.open(directory, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the message store directory " + directory, e);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("cannot open the message store at " + directory + ": "
                    + e.getMessage(), e));
        }
        RocksMessageStore store = new RocksMessageStore(directory, rocks, options);
        int queues = store.loadQueueMetas().size();
        LOG.info("Opened message store {} in {} ms: {} queues; replayed {} WAL file(s) of {} bytes; fsync policy {}",
                directory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), queues, wal.files(),
                wal.bytes(), options.fsyncPolicy());
        return store;
    }

    /** The WAL files present before opening: what RocksDB will replay. */
    private record WalInventory(long files, long bytes) {
        static WalInventory of(Path directory) throws IOException {
            long files = 0;
            long bytes = 0;
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    if (p.getFileName().toString().endsWith(".log")) {
                        files++;
                        bytes += Files.size(p);
                    }
                }
            }
            return new WalInventory(files, bytes);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a mutation has a negative queue id, seq, chunk or due
     *                                  time; nothing of the call is written then
     */
    @Override
    public CompletableFuture<Void> write(List<Mutation> mutations) {
        return writer.submit(MutationEncoder.encode(mutations));
    }

    /** Group commits written so far (one fsync each under ALWAYS); for tests. */
    long groupsWritten() {
        return writer.groupsWritten();
    }

    /** Background WAL fsyncs done under INTERVAL (0 under the other policies); for tests. */
    long walSyncsDone() {
        return walSyncer == null ? 0 : walSyncer.syncsDone();
    }

    /** Writes (calls of {@link #write}) committed so far; for tests. */
    long writesCommitted() {
        return writer.writesCommitted();
    }

    /** The RocksDB handles; for tests that provoke real RocksDB failures. */
    RocksHandles rocks() {
        return rocks;
    }

    @Override
    public Map<Long, byte[]> loadQueueMetas() {
        return read("loading queue metas", () -> {
            Map<Long, byte[]> metas = new HashMap<>();
            try (BoundedIterator range = new BoundedIterator(rocks.db(), rocks.family(Family.META),
                    StoreKeys.queueMetasStart(), StoreKeys.queueMetasEnd())) {
                RocksIterator it = range.it();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    metas.put(StoreKeys.longAt(it.key(), 1), it.value());
                }
                range.checkStatus();
            }
            return metas;
        });
    }

    @Override
    public byte[] readNodeValue(String key) {
        return read("reading node value " + key,
                () -> rocks.db().get(rocks.family(Family.META), StoreKeys.nodeValue(key)));
    }

    @Override
    public java.util.SortedMap<String, byte[]> loadNodeValues(String prefix) {
        return read("loading node values " + prefix, () -> {
            java.util.TreeMap<String, byte[]> values = new java.util.TreeMap<>();
            byte[] start = StoreKeys.nodeValue(prefix);
            byte[] end = StoreKeys.nodeValuesEnd(prefix);
            try (BoundedIterator range = new BoundedIterator(rocks.db(), rocks.family(Family.META), start, end)) {
                RocksIterator it = range.it();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    values.put(new String(key, 1, key.length - 1, java.nio.charset.StandardCharsets.UTF_8), it.value());
                }
                range.checkStatus();
            }
            return values;
        });
    }

    @Override
    public Map<Long, QueueExtent> queueExtents() {
        return read("reading queue extents", () -> {
            Map<Long, QueueExtent> extents = new HashMap<>();
            // One iterator per key space, two seeks per queue: seek to the queue's first key,
            // then to its last, then on to the next queue, never reading the messages between.
            try (BoundedIterator all = new BoundedIterator(rocks.db(), rocks.family(Family.MSG),
                    StoreKeys.queueStart(0), StoreKeys.queueEnd(Long.MAX_VALUE))) {
                RocksIterator it = all.it();
                it.seekToFirst();
                while (it.isValid()) {
                    long id = StoreKeys.longAt(it.key(), 0);
                    long first = StoreKeys.longAt(it.key(), Long.BYTES);
                    it.seekForPrev(StoreKeys.message(id, Long.MAX_VALUE));
                    long last = StoreKeys.longAt(it.key(), Long.BYTES);
                    long lastTime = MessageValue.decode(last, it.value()).enqueueTimeMillis();
                    extents.put(id, new QueueExtent(first, last, lastTime, 0));
                    if (id == Long.MAX_VALUE) {
                        break;
                    }
                    it.seek(StoreKeys.queueStart(id + 1));
                }
                all.checkStatus();
            }
            try (BoundedIterator all = new BoundedIterator(rocks.db(), rocks.family(Family.DELAY),
                    StoreKeys.queueStart(0), StoreKeys.queueEnd(Long.MAX_VALUE))) {
                RocksIterator it = all.it();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    long id = StoreKeys.longAt(it.key(), 0);
                    QueueExtent e = extents.getOrDefault(id, QueueExtent.EMPTY);
                    extents.put(id, new QueueExtent(e.firstSeq(), e.lastSeq(), e.lastEnqueueTimeMillis(), e.delayCount() + 1));
                }
                all.checkStatus();
            }
            return extents;
        });
    }

    @Override
    public void forEachAckChunk(AllAckChunksConsumer consumer) {
        read("reading all ack chunks", () -> {
            try (BoundedIterator all = new BoundedIterator(rocks.db(), rocks.family(Family.ACK),
                    StoreKeys.queueStart(0), StoreKeys.queueEnd(Long.MAX_VALUE))) {
                RocksIterator it = all.it();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    long id = StoreKeys.longAt(it.key(), 0);
                    long chunk = StoreKeys.longAt(it.key(), Long.BYTES);
                    consumer.accept(id, chunk, AckChunkValue.decode(chunk, it.value()));
                }
                all.checkStatus();
            }
            return null;
        });
    }

    @Override
    public long firstSeq(long queueId) {
        if (queueId < 0) {
            return -1;
        }
        return read("finding the first seq", () -> {
            try (BoundedIterator range = queueRange(Family.MSG, queueId)) {
                range.it().seekToFirst();
                return seqAtIterator(range);
            }
        });
    }

    @Override
    public long lastSeq(long queueId) {
        if (queueId < 0) {
            return -1;
        }
        return read("finding the last seq", () -> {
            try (BoundedIterator range = queueRange(Family.MSG, queueId)) {
                range.it().seekToLast();
                return seqAtIterator(range);
            }
        });
    }

    private static long seqAtIterator(BoundedIterator range) throws RocksDBException {
        if (!range.it().isValid()) {
            range.checkStatus();
            return -1;
        }
        return StoreKeys.longAt(range.it().key(), Long.BYTES);
    }

    @Override
    public void forEachAckChunk(long queueId, AckChunkConsumer consumer) {
        if (queueId < 0) {
            return;
        }
        read("reading ack chunks", () -> {
            try (BoundedIterator range = queueRange(Family.ACK, queueId)) {
                RocksIterator it = range.it();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    long chunk = StoreKeys.longAt(it.key(), Long.BYTES);
                    consumer.accept(chunk, AckChunkValue.decode(chunk, it.value()));
                }
                range.checkStatus();
            }
            return null;
        });
    }

    @Override
    public void readDelays(long queueId, long afterDueMillis, long afterSeq, int max, DelayConsumer consumer) {
        if (queueId < 0 || max <= 0) {
            return;
        }
        // The first key ordered strictly after (afterDue, afterSeq); stored entries are never negative.
        byte[] start = afterDueMillis < 0 ? StoreKeys.queueStart(queueId)
                : StoreKeys.delay(queueId, afterDueMillis, afterSeq < 0 ? 0 : afterSeq + 1);
        read("reading delay entries", () -> {
            try (BoundedIterator range = new BoundedIterator(rocks.db(), rocks.family(Family.DELAY),
                    StoreKeys.queueStart(queueId), StoreKeys.queueEnd(queueId))) {
                RocksIterator it = range.it();
                byte[] key = new byte[3 * Long.BYTES];
                int n = 0;
                for (it.seek(start); it.isValid() && n < max; it.next(), n++) {
                    it.key(key);
                    consumer.accept(StoreKeys.longAt(key, Long.BYTES), StoreKeys.longAt(key, 2 * Long.BYTES));
                }
                range.checkStatus();
            }
            return null;
        });
    }

    @Override
    public long countDelays(long queueId) {
        if (queueId < 0) {
            return 0;
        }
        return read("counting delay entries", () -> {
            try (BoundedIterator range = queueRange(Family.DELAY, queueId)) {
                RocksIterator it = range.it();
                long count = 0;
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    count++;
                }
                range.checkStatus();
                return count;
            }
        });
    }

    @Override
    public long scanMessages(long queueId, long fromSeq, long toSeq, int max, LongPredicate skip,
                             MessageConsumer consumer) {
        if (fromSeq >= toSeq) {
            return fromSeq;
        }
        if (queueId < 0 || toSeq <= 0) {
            return toSeq;
        }
        byte[] start = StoreKeys.message(queueId, Math.max(fromSeq, 0));
        byte[] end = StoreKeys.message(queueId, toSeq);
        return read("scanning messages", () -> {
            try (BoundedIterator range = new BoundedIterator(rocks.db(), rocks.family(Family.MSG), start, end)) {
                RocksIterator it = range.it();
                byte[] key = new byte[2 * Long.BYTES];
                int passed = 0;
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    it.key(key);
                    long seq = StoreKeys.longAt(key, Long.BYTES);
                    if (passed >= max) {
                        return seq;
                    }
                    // Decided on the key alone: a skipped message's value never leaves RocksDB.
                    if (skip.test(seq)) {
                        continue;
                    }
                    consumer.accept(MessageValue.decode(seq, it.value()));
                    passed++;
                }
                range.checkStatus();
            }
            return toSeq;
        });
    }

    @Override
    public StoredMessage readMessage(long queueId, long seq) {
        if (queueId < 0 || seq < 0) {
            return null;
        }
        return read("reading message " + seq, () -> {
            byte[] value = rocks.db().get(rocks.family(Family.MSG), StoreKeys.message(queueId, seq));
            return value == null ? null : MessageValue.decode(seq, value);
        });
    }

    private BoundedIterator queueRange(Family family, long queueId) {
        return new BoundedIterator(rocks.db(), rocks.family(family), StoreKeys.queueStart(queueId),
                StoreKeys.queueEnd(queueId));
    }

    /**
     * Drains pending writes (their futures complete), stops the WAL sync task, fsyncs the WAL and
     * closes RocksDB. Memtables are not flushed: the synced WAL holds them and the next open
     * replays it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            writer.close();
            if (walSyncer != null) {
                walSyncer.close();
            }
            lifecycle.writeLock().lock();
            try {
                closed = true;
                if (health.failure() == null) {
                    rocks.db().flushWal(true);
                }
                rocks.close();
            } catch (RocksDBException e) {
                LOG.error("Closing message store {} failed; the next open recovers from its WAL", directory, e);
            } finally {
                lifecycle.writeLock().unlock();
            }
        }
        LOG.info("Closed message store {}", directory);
    }

    @FunctionalInterface
    private interface RocksRead<T> {
        T run() throws RocksDBException;
    }

    private <T> T read(String what, RocksRead<T> body) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new QueueException(ErrorReason.UNAVAILABLE, "message store is closed");
            }
            return body.run();
        } catch (RocksDBException e) {
            LOG.error("Message store {}: {} failed", directory, what, e);
            throw new QueueException(ErrorReason.UNAVAILABLE, what + " failed: " + e.getMessage());
        } finally {
            lifecycle.readLock().unlock();
        }
    }
}
