package io.opencmq.core.delivery;

import io.opencmq.core.spi.Mutation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Which messages of one queue have been deleted: a bitmap in chunks of
 * {@link Mutation#ACK_CHUNK_BITS} sequence numbers, only for chunks that contain a deleted
 * message. One bit per message means a backlog of ten million costs about a megabyte, and a
 * delete rewrites one small chunk on disk instead of deleting a key.
 *
 * <p>Not thread-safe: owned by one {@code QueueEngine} and used under its lock.
 */
public final class AckSet {
    private static final int BITS = Mutation.ACK_CHUNK_BITS;
    private static final int LONGS = Mutation.ACK_CHUNK_LONGS;

    private final Map<Long, long[]> chunks = new HashMap<>();
    private long count;

    /** Number of deleted messages recorded. */
    public long count() {
        return count;
    }

    public boolean contains(long seq) {
        long[] bits = chunks.get(seq / BITS);
        if (bits == null) {
            return false;
        }
        int bit = (int) (seq % BITS);
        return (bits[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** Marks {@code seq} deleted; returns false if it already was. */
    public boolean add(long seq) {
        long[] bits = chunks.computeIfAbsent(seq / BITS, k -> new long[LONGS]);
        int bit = (int) (seq % BITS);
        long mask = 1L << (bit & 63);
        if ((bits[bit >>> 6] & mask) != 0) {
            return false;
        }
        bits[bit >>> 6] |= mask;
        count++;
        return true;
    }

    /** Un-marks {@code seq} (a move to a dead-letter queue that could not happen). */
    public void remove(long seq) {
        long[] bits = chunks.get(seq / BITS);
        int bit = (int) (seq % BITS);
        long mask = 1L << (bit & 63);
        if (bits != null && (bits[bit >>> 6] & mask) != 0) {
            bits[bit >>> 6] &= ~mask;
            count--;
        }
    }

    /** A copy of one chunk's bits, as written to disk (all zero if absent). */
    public long[] snapshot(long chunk) {
        long[] bits = chunks.get(chunk);
        return bits == null ? new long[LONGS] : bits.clone();
    }

    /** Loads a chunk read from disk, keeping only bits for seqs in [from, to). */
    public void load(long chunk, long[] bits, long from, long to) {
        long[] copy = new long[LONGS];
        for (int i = 0; i < BITS; i++) {
            long seq = chunk * BITS + i;
            if (seq >= from && seq < to && (bits[i >>> 6] & (1L << (i & 63))) != 0) {
                copy[i >>> 6] |= 1L << (i & 63);
                count++;
            }
        }
        chunks.put(chunk, copy);
    }

    /** Forgets every seq below {@code seq} (they left the queue). */
    public void dropBelow(long seq) {
        long chunkOfSeq = seq / BITS;
        chunks.entrySet().removeIf(e -> {
            if (e.getKey() < chunkOfSeq) {
                count -= bitCount(e.getValue());
                return true;
            }
            return false;
        });
        clearRange(seq - seq % BITS, seq);
    }

    /**
     * Forgets every seq at or above {@code seq} (RewindQueue): reports the partial chunk that
     * must be rewritten, if any, and the first chunk from which everything must be deleted.
     */
    public void clearFrom(long seq, BiConsumer<Long, long[]> rewrittenChunk, java.util.function.LongConsumer dropFromChunk) {
        long first = seq / BITS;
        long firstWhole = seq % BITS == 0 ? first : first + 1;
        if (seq % BITS != 0) {
            clearRange(seq, (first + 1) * BITS);
            rewrittenChunk.accept(first, snapshot(first));
        }
        chunks.entrySet().removeIf(e -> {
            if (e.getKey() >= firstWhole) {
                count -= bitCount(e.getValue());
                return true;
            }
            return false;
        });
        dropFromChunk.accept(firstWhole);
    }

    public void clear() {
        chunks.clear();
        count = 0;
    }

    /** Deleted seqs in [from, to). */
    public long countRange(long from, long to) {
        long n = 0;
        for (Map.Entry<Long, long[]> e : chunks.entrySet()) {
            long base = e.getKey() * BITS;
            if (base + BITS <= from || base >= to) {
                continue;
            }
            if (base >= from && base + BITS <= to) {
                n += bitCount(e.getValue());
            } else {
                long[] bits = e.getValue();
                for (long s = Math.max(from, base); s < Math.min(to, base + BITS); s++) {
                    int bit = (int) (s - base);
                    if ((bits[bit >>> 6] & (1L << (bit & 63))) != 0) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The lowest seq in [from, to) that is not deleted, or {@code to} if all are. */
    public long nextUndeleted(long from, long to) {
        long seq = from;
        while (seq < to) {
            long[] bits = chunks.get(seq / BITS);
            if (bits == null) {
                return seq;
            }
            int bit = (int) (seq % BITS);
            int word = bit >>> 6;
            long inverted = ~bits[word] & (-1L << (bit & 63));
            while (inverted == 0 && ++word < LONGS) {
                inverted = ~bits[word];
            }
            if (word < LONGS) {
                long found = (seq / BITS) * BITS + word * 64L + Long.numberOfTrailingZeros(inverted);
                return Math.min(found, to);
            }
            seq = (seq / BITS + 1) * BITS;
        }
        return to;
    }

    private void clearRange(long from, long to) {
        for (long s = from; s < to; s++) {
            long[] bits = chunks.get(s / BITS);
            if (bits == null) {
                s = (s / BITS + 1) * BITS - 1;
                continue;
            }
            int bit = (int) (s % BITS);
            long mask = 1L << (bit & 63);
            if ((bits[bit >>> 6] & mask) != 0) {
                bits[bit >>> 6] &= ~mask;
                count--;
            }
        }
    }

    private static long bitCount(long[] bits) {
        long n = 0;
        for (long b : bits) {
            n += Long.bitCount(b);
        }
        return n;
    }
}
