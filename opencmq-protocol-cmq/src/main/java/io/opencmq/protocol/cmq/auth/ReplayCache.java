package io.opencmq.protocol.cmq.auth;

import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers the signatures of accepted requests so that a captured request cannot be sent
 * again while its Timestamp is still acceptable. A signature is kept (as a 64-bit hash) in the
 * bucket of its request's Timestamp second; a bucket is dropped once its second falls out of
 * the ±window, because from then on the timestamp check alone refuses any copy.
 *
 * <p>Memory is bounded by {@code maxEntries}. When full, the oldest buckets are dropped early,
 * and the lowest acceptable Timestamp is raised past them: the accepted window shrinks instead
 * of letting a forgotten request be replayed (fail closed). Honest clients stamp requests with
 * the current time and are unaffected until the load is so high that even the current second
 * does not fit.
 *
 * <p>Thread-safety: all methods are synchronized; the critical section is a few hash probes.
 */
final class ReplayCache {

    /** What {@link #admit} decided. */
    enum Verdict { ACCEPTED, OUTSIDE_WINDOW, EVICTED, REPLAYED }

    private final long windowSeconds;
    private final int maxEntries;
    private final TreeMap<Long, LongHashSet> buckets = new TreeMap<>();
    private int size;
    /** Timestamps at or below this second were forgotten early and are refused. */
    private long evictedThrough = Long.MIN_VALUE;

    ReplayCache(long windowSeconds, int maxEntries) {
        this.windowSeconds = windowSeconds;
        this.maxEntries = maxEntries;
    }

    /**
     * Accepts and remembers a request stamped {@code timestampSecond} whose signature hashes to
     * {@code signatureHash}, unless its timestamp is unacceptable or it was seen before.
     */
    synchronized Verdict admit(long timestampSecond, long signatureHash, long nowSecond) {
        forgetExpired(nowSecond);
        if (!withinWindow(timestampSecond, nowSecond)) {
            return Verdict.OUTSIDE_WINDOW;
        }
        if (timestampSecond <= evictedThrough) {
            return Verdict.EVICTED;
        }
        LongHashSet bucket = buckets.get(timestampSecond);
        if (bucket != null && bucket.contains(signatureHash)) {
            return Verdict.REPLAYED;
        }
        while (size >= maxEntries) {
            Map.Entry<Long, LongHashSet> oldest = buckets.pollFirstEntry();
            size -= oldest.getValue().size();
            evictedThrough = Math.max(evictedThrough, oldest.getKey());
        }
        if (timestampSecond <= evictedThrough) {
            return Verdict.EVICTED;
        }
        // Past the check above, eviction cannot have removed this request's own bucket.
        if (bucket == null) {
            bucket = new LongHashSet();
            buckets.put(timestampSecond, bucket);
        }
        bucket.add(signatureHash);
        size++;
        return Verdict.ACCEPTED;
    }

    /** True when {@code timestampSecond} is within ±window of {@code nowSecond}. */
    boolean withinWindow(long timestampSecond, long nowSecond) {
        return timestampSecond >= nowSecond - windowSeconds && timestampSecond <= nowSecond + windowSeconds;
    }

    /** The lowest Timestamp second accepted at {@code nowSecond}, early eviction included. */
    synchronized long oldestAcceptedSecond(long nowSecond) {
        return Math.max(nowSecond - windowSeconds, evictedThrough + 1);
    }

    synchronized int size() {
        return size;
    }

    private void forgetExpired(long nowSecond) {
        long oldestValid = nowSecond - windowSeconds;
        while (!buckets.isEmpty() && buckets.firstKey() < oldestValid) {
            size -= buckets.pollFirstEntry().getValue().size();
        }
    }
}
