package io.opencmq.protocol.cmq.auth;

/**
 * A set of primitive longs: open addressing with linear probing in one {@code long[]}, so a
 * remembered signature costs 8–16 bytes instead of a boxed Long plus a hash-map node. Zero
 * marks a free slot; the value zero itself is tracked by a flag.
 *
 * <p>Not thread-safe; {@link ReplayCache} guards it.
 */
final class LongHashSet {
    private static final int MIN_CAPACITY = 8;

    private long[] slots;
    private int size;
    private boolean containsZero;

    LongHashSet() {
        slots = new long[MIN_CAPACITY];
    }

    int size() {
        return size;
    }

    boolean contains(long value) {
        if (value == 0) {
            return containsZero;
        }
        int mask = slots.length - 1;
        for (int i = slot(value, mask); ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == value) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    /** Adds the value; returns false when it was already present. */
    boolean add(long value) {
        if (value == 0) {
            if (containsZero) {
                return false;
            }
            containsZero = true;
            size++;
            return true;
        }
        // Keep at most 3/4 full so that probes stay short.
        if ((size + 1) * 4L > slots.length * 3L) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        for (int i = slot(value, mask); ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == value) {
                return false;
            }
            if (v == 0) {
                table[i] = value;
                return true;
            }
        }
    }

    /** Spreads the bits (murmur3 finalizer) so that patterned values do not cluster. */
    private static int slot(long value, int mask) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
