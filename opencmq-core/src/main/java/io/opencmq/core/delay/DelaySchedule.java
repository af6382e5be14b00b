package io.opencmq.core.delay;

import io.opencmq.core.spi.MessageStore;

import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The timer of one queue's delayed messages. Every delay entry is on disk (the store's delay
 * key space, ordered by due time); the heap holds only the earliest ones, at most
 * {@code capacity}, so a million delayed messages do not cost a million objects.
 *
 * <p>Invariant: the heap holds every pending entry ordered at or before {@code boundary};
 * entries after it are on disk only. When the heap runs dry it reads the next entries after the
 * boundary from disk. {@code boundary == null} means the heap holds everything pending.
 *
 * <p>Not thread-safe: owned by one {@code QueueEngine} and used under its lock.
 */
public final class DelaySchedule {

    /** A delay entry: message {@code seq} becomes visible at {@code due}. */
    public record Entry(long due, long seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final TreeSet<Entry> heap = new TreeSet<>();
    private final int capacity;
    private Entry boundary;
    private long pending;
    private Entry lastReleased;
    private boolean releasedSinceTrim;

    private DelaySchedule(int capacity, Entry boundary, long pending) {
        this.capacity = capacity;
        this.boundary = boundary;
        this.pending = pending;
    }

    /** An empty schedule for a new queue. */
    public static DelaySchedule empty(int capacity) {
        return new DelaySchedule(capacity, null, 0);
    }

    /** A schedule whose entries are all on disk (after a restart): they load on first use. */
    public static DelaySchedule recovered(int capacity, long pendingOnDisk) {
        return new DelaySchedule(capacity, pendingOnDisk == 0 ? null : new Entry(-1, -1), pendingOnDisk);
    }

    /** Delayed messages not yet released. */
    public long pending() {
        return pending;
    }

    /** Records a new delayed message (its disk entry is written by the caller). */
    public void add(long due, long seq) {
        pending++;
        Entry e = new Entry(due, seq);
        if (boundary != null && e.compareTo(boundary) > 0) {
            return;
        }
        heap.add(e);
        if (heap.size() > capacity) {
            heap.pollLast();
            boundary = heap.last();
        }
    }

    /**
     * Releases, in due order, every entry due at or before {@code now}, passing its seq to
     * {@code released}; reads further entries from disk when the heap runs dry.
     */
    public void releaseDue(long now, MessageStore store, long queueId, LongConsumer released) {
        while (true) {
            if (heap.isEmpty() && !load(store, queueId)) {
                return;
            }
            Entry first = heap.first();
            if (first.due() > now) {
                return;
            }
            heap.pollFirst();
            pending = Math.max(0, pending - 1);
            lastReleased = first;
            releasedSinceTrim = true;
            released.accept(first.seq());
        }
    }

    /** Due time of the earliest entry in the heap, or -1 when the heap is empty. */
    public long nextDue() {
        return heap.isEmpty() ? -1 : heap.first().due();
    }

    /**
     * The last released entry if entries were released since the previous call: the caller
     * deletes disk entries through it (one range delete instead of one per entry).
     */
    public Entry takeTrimPoint() {
        if (!releasedSinceTrim) {
            return null;
        }
        releasedSinceTrim = false;
        return lastReleased;
    }

    /** Forgets every entry (purge); the caller deletes them on disk. */
    public void clear() {
        heap.clear();
        boundary = null;
        pending = 0;
        releasedSinceTrim = false;
    }

    private boolean load(MessageStore store, long queueId) {
        if (boundary == null) {
            return false;
        }
        Entry after = boundary;
        int[] read = {0};
        store.readDelays(queueId, after.due(), after.seq(), capacity, (due, seq) -> {
            heap.add(new Entry(due, seq));
            read[0]++;
        });
        boundary = read[0] < capacity ? null : heap.last();
        return !heap.isEmpty();
    }
}
