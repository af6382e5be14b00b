package io.opencmq.store;

/**
 * One RocksDB write-batch operation with its keys and value already encoded. Callers of
 * {@link RocksMessageStore#write} encode on their own thread, so the single writer thread only
 * copies bytes into the batch, and a caller that reuses a body array afterwards cannot change
 * what is written.
 */
sealed interface BatchOp {

    Family family();

    record Put(Family family, byte[] key, byte[] value) implements BatchOp { }

    /** Removes the keys {@code begin <= key < end}: one range tombstone, however many keys. */
    record DeleteRange(Family family, byte[] begin, byte[] end) implements BatchOp { }

    /** A point delete; used only for the one meta key of a dropped queue, never on the hot path. */
    record Delete(Family family, byte[] key) implements BatchOp { }
}
