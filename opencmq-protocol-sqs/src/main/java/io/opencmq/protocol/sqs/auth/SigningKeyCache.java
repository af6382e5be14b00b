package io.opencmq.protocol.sqs.auth;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last few derived SigV4 signing keys, per (secret, date, region, service). A key costs
 * four HMACs to derive and changes once a UTC day, so deriving it per request was most of
 * the signature check.
 *
 * <p>What may enter, and why it stays small: the caller {@link #put}s a key only after a
 * request signed with it verified, so a client without the secret cannot make the cache hold
 * anything (it can still make the server derive a key per forged request, as before, at no
 * cost to the entries of real clients). A client with the secret can only choose dates the
 * clock check lets through (a few days at most, with presigned URLs) and regions; the cache
 * has a fixed number of slots, replaced in turn, and regions longer than any real one are not
 * cached at all. Lookups scan the slots without locking; an entry is immutable, and its key
 * array is never handed out for modification (callers only read it or key a MAC with it).
 *
 * <p>Never logs or prints the secret: entries have no {@code toString} that shows it.
 */
final class SigningKeyCache {

    /** AWS region names are about 15 characters; anything much longer is not worth a slot. */
    static final int MAX_CACHED_REGION_LENGTH = 64;

    private final AtomicReferenceArray<Entry> slots;
    private final AtomicInteger nextSlot = new AtomicInteger();

    SigningKeyCache(int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be 1..1024: " + capacity);
        }
        slots = new AtomicReferenceArray<>(capacity);
    }

    /** The cached key, or null. The array must not be modified. */
    byte[] get(String secret, String date, String region, String service) {
        int hash = hash(secret, date, region, service);
        for (int i = 0, n = slots.length(); i < n; i++) {
            Entry e = slots.getAcquire(i);
            if (e != null && e.matches(hash, secret, date, region, service)) {
                return e.key;
            }
        }
        return null;
    }

    /** The key from the cache, or derived (not cached: see {@link #put}). */
    byte[] getOrDerive(String secret, String date, String region, String service) {
        byte[] key = get(secret, date, region, service);
        return key != null ? key : SigV4.signingKey(secret, date, region, service);
    }

    /**
     * Remembers {@code key} (which the caller must not modify afterwards) unless it is
     * already cached; replaces the slots in turn, oldest insertion first.
     */
    void put(String secret, String date, String region, String service, byte[] key) {
        if (region.length() > MAX_CACHED_REGION_LENGTH || get(secret, date, region, service) != null) {
            return;
        }
        int slot = Math.floorMod(nextSlot.getAndIncrement(), slots.length());
        // An entry is immutable (final fields): a reader sees it whole or not at all.
        slots.setRelease(slot, new Entry(hash(secret, date, region, service), secret, date, region, service, key));
    }

    /** How many slots hold a key (for tests). */
    int size() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    private static int hash(String secret, String date, String region, String service) {
        return ((secret.hashCode() * 31 + date.hashCode()) * 31 + region.hashCode()) * 31 + service.hashCode();
    }

    private static final class Entry {
        final int hash;
        final String secret;
        final String date;
        final String region;
        final String service;
        final byte[] key;

        Entry(int hash, String secret, String date, String region, String service, byte[] key) {
            this.hash = hash;
            this.secret = secret;
            this.date = date;
            this.region = region;
            this.service = service;
            this.key = key;
        }

        boolean matches(int h, String s, String d, String r, String v) {
            return hash == h && date.equals(d) && region.equals(r) && service.equals(v) && secret.equals(s);
        }

        @Override
        public String toString() {
            return "SigningKeyCache.Entry[" + date + "/" + region + "/" + service + "]";
        }
    }
}
