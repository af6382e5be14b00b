package io.opencmq.store;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator confined to {@code lower <= key < upper} by the read options' iterate
 * bounds, so RocksDB stops at the end of one queue's range without reading into the next, and
 * {@code seekForPrev} and {@code seekToLast} stay inside it. Owns its four native objects.
 *
 * <p>Threading: one thread, one read; create, use and close it within one store read.
 */
final class BoundedIterator implements AutoCloseable {

    private final Slice lowerBound;
    private final Slice upperBound;
    private final ReadOptions readOptions;
    private final RocksIterator iterator;

    BoundedIterator(RocksDB db, ColumnFamilyHandle family, byte[] lower, byte[] upper) {
        lowerBound = new Slice(lower);
        upperBound = new Slice(upper);
        readOptions = new ReadOptions().setIterateLowerBound(lowerBound).setIterateUpperBound(upperBound);
        iterator = db.newIterator(family, readOptions);
    }

    RocksIterator it() {
        return iterator;
    }

    /** Call when {@code isValid()} turned false: tells an I/O error or corruption from the end of the range. */
    void checkStatus() throws RocksDBException {
        iterator.status();
    }

    @Override
    public void close() {
        iterator.close();
        readOptions.close();
        upperBound.close();
        lowerBound.close();
    }
}
