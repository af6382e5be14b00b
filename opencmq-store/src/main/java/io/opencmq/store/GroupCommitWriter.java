package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: the one thread that writes to RocksDB. Callers {@link #submit} encoded writes;
 * the thread takes everything pending (up to {@link #MAX_GROUP_BYTES}), writes it as ONE
 * WriteBatch — with {@code sync=true} under {@link FsyncPolicy#ALWAYS}, so concurrent callers
 * share one fsync — and then completes the callers' futures in submission order.
 *
 * <p>Order: submissions are applied and completed in the order they entered the queue, so calls
 * made one after another (for example under one queue's lock) land in that order.
 *
 * <p>Threading: {@link #submit} is safe from any thread and never blocks on I/O. Futures are
 * completed, in submission order, on a second thread ({@code opencmq-store-completer}), so that
 * their continuations (the engine's bookkeeping, reply encoding, hand-off to the network) run
 * while the writer already builds and syncs the next group instead of delaying it.
 *
 * <p>Failure: if a write throws, that group and every later submission fail with the error kept
 * in {@link StoreHealth}; nothing is retried, because RocksDB stops accepting writes after a
 * failed WAL write anyway.
 */
final class GroupCommitWriter implements AutoCloseable {

    /**
     * Caps one group so a burst of large messages does not build a WriteBatch of hundreds of MiB
     * in native memory; the rest follows in the next group at once. 8 MiB is far more than a
     * 16-writer burst of 1 MiB messages needs to share one fsync.
     */
    static final long MAX_GROUP_BYTES = 8L << 20;

    private record PendingWrite(List<BatchOp> ops, long bytes, CompletableFuture<Void> done) { }

    private final RocksHandles rocks;
    private final WriteOptions writeOptions;
    private final StoreHealth health;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    /** Guarded by {@link #lock}: no more submissions are accepted. */
    private boolean closing;

    private final Thread thread;
    /** Completes finished groups in order; one thread, so submission order is kept. */
    private volatile Thread completerThread;
    private final java.util.concurrent.ExecutorService completer =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "opencmq-store-completer");
                t.setDaemon(true);
                completerThread = t;
                return t;
            });

    /** Written only by the writer thread; read by tests to check that groups form. */
    private volatile long groupsWritten;
    private volatile long writesCommitted;

    /**
     * Under ALWAYS the WAL is in manual-flush mode: the writer only appends a group to RocksDB
     * (memtable and WAL buffer), and the completer flushes and fsyncs the WAL before it completes
     * the group's futures. While the completer waits for the disk, the writer already appends
     * the next group, and one sync covers every group appended before it.
     */
    private final boolean syncOnCompleter;
    /** Groups appended (writer thread) and groups known durable (completer thread). */
    private final java.util.concurrent.atomic.AtomicLong appendedGroups = new java.util.concurrent.atomic.AtomicLong();
    private long syncedGroups;

    GroupCommitWriter(RocksHandles rocks, FsyncPolicy policy, StoreHealth health) {
        this.rocks = rocks;
        this.health = health;
        this.syncOnCompleter = policy == FsyncPolicy.ALWAYS;
        this.writeOptions = new WriteOptions().setSync(false);
        this.thread = Thread.ofPlatform().name("opencmq-store-writer").daemon(true).start(this::run);
    }

    CompletableFuture<Void> submit(MutationEncoder.Encoded write) {
        PendingWrite p = new PendingWrite(write.ops(), write.bytes(), new CompletableFuture<>());
        lock.lock();
        try {
            if (closing || health.failure() != null) {
                return CompletableFuture.failedFuture(refusal());
            }
            pending.add(p);
            workArrived.signal();
        } finally {
            lock.unlock();
        }
        return p.done();
    }

    long groupsWritten() {
        return groupsWritten;
    }

    long writesCommitted() {
        return writesCommitted;
    }

    /** Stops accepting writes, lets the thread commit everything already submitted, and waits for it. */
    @Override
    public void close() {
        if (Thread.currentThread() == thread || Thread.currentThread() == completerThread) {
            throw new IllegalStateException("the message store cannot be closed from its own writer threads");
        }
        lock.lock();
        try {
            closing = true;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        completer.shutdown();
        try {
            if (!completer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                completer.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        writeOptions.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<PendingWrite> group = new ArrayList<>();
        try {
            while (takeGroup(group)) {
                commit(group);
                group.clear();
            }
        } catch (Throwable t) {
            // Only an Error (out of memory, a JNI failure) gets here; commit() handles the rest.
            health.fail("the store's writer thread", t);
            failAll(group);
            lock.lock();
            try {
                closing = true;
                group = new ArrayList<>(pending);
                pending.clear();
            } finally {
                lock.unlock();
            }
            failAll(group);
        }
    }

    /** Waits for work and moves the next group into {@code group}; false once closed and drained. */
    private boolean takeGroup(List<PendingWrite> group) {
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (closing) {
                    return false;
                }
                workArrived.awaitUninterruptibly();
            }
            long bytes = 0;
            do {
                PendingWrite p = pending.poll();
                group.add(p);
                bytes += p.bytes();
            } while (!pending.isEmpty() && bytes + pending.peek().bytes() <= MAX_GROUP_BYTES);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<PendingWrite> group) {
        if (health.failure() == null) {
            try (WriteBatch batch = new WriteBatch()) {
                for (PendingWrite p : group) {
                    for (BatchOp op : p.ops()) {
                        add(batch, op);
                    }
                }
                rocks.db().write(writeOptions, batch);
                groupsWritten++;
                writesCommitted += group.size();
            } catch (RocksDBException | RuntimeException e) {
                health.fail("a group commit of " + group.size() + " writes", e);
            }
        }
        boolean written = health.failure() == null;
        long groupNumber = appendedGroups.incrementAndGet();
        List<PendingWrite> finished = List.copyOf(group);
        completer.execute(() -> {
            if (written && syncOnCompleter && syncedGroups < groupNumber && health.failure() == null) {
                // Everything appended so far is covered by this sync, later groups' tasks included.
                long covered = appendedGroups.get();
                try {
                    rocks.db().flushWal(true);
                    syncedGroups = covered;
                } catch (RocksDBException | RuntimeException e) {
                    health.fail("syncing the WAL", e);
                }
            }
            boolean durable = written && (!syncOnCompleter || syncedGroups >= groupNumber);
            QueueException failure = durable ? null : refusal();
            for (PendingWrite p : finished) {
                if (failure == null) {
                    p.done().complete(null);
                } else {
                    p.done().completeExceptionally(failure);
                }
            }
        });
    }

    private void add(WriteBatch batch, BatchOp op) throws RocksDBException {
        switch (op) {
            case BatchOp.Put put -> batch.put(rocks.family(put.family()), put.key(), put.value());
            case BatchOp.DeleteRange range -> batch.deleteRange(rocks.family(range.family()), range.begin(), range.end());
            case BatchOp.Delete delete -> batch.delete(rocks.family(delete.family()), delete.key());
        }
    }

    private void failAll(List<PendingWrite> writes) {
        QueueException failure = refusal();
        for (PendingWrite p : writes) {
            p.done().completeExceptionally(failure);
        }
    }

    private QueueException refusal() {
        QueueException failure = health.failure();
        return failure != null ? failure : new QueueException(ErrorReason.UNAVAILABLE, "message store is closed");
    }
}
