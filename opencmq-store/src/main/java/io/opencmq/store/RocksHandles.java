package io.opencmq.store;

import org.rocksdb.AbstractNativeReference;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The open RocksDB instance with its column family handles and every native options object
 * that must live as long as it does, closed together in the right order.
 *
 * <p>Threading: the handles are safe for concurrent use; {@link #close} must run after every
 * user of the handles has stopped (see {@link RocksMessageStore#close}).
 */
final class RocksHandles implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final Map<Family, ColumnFamilyHandle> families;
    private final List<ColumnFamilyHandle> allHandles;
    /** Native options objects, closed after the DB in reverse order of creation. */
    private final List<AbstractNativeReference> resources;

    private RocksHandles(RocksDB db, Map<Family, ColumnFamilyHandle> families, List<ColumnFamilyHandle> allHandles,
                         List<AbstractNativeReference> resources) {
        this.db = db;
        this.families = families;
        this.allHandles = allHandles;
        this.resources = resources;
    }

    /** Opens or creates the DB in {@code directory}; RocksDB replays its WAL here. */
    static RocksHandles open(Path directory, StoreOptions options) throws RocksDBException {
        List<AbstractNativeReference> resources = new ArrayList<>();
        try {
            RocksLogBridge logger = add(resources, new RocksLogBridge());
            Cache cache = add(resources, new LRUCache(options.blockCacheBytes()));
            DBOptions dbOptions = add(resources, RocksTuning.dbOptions(logger, options.fsyncPolicy() == FsyncPolicy.ALWAYS));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            ColumnFamilyOptions defaultOptions = add(resources, RocksTuning.unusedDefaultFamily());
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions));
            for (Family family : Family.values()) {
                ColumnFamilyOptions familyOptions = add(resources, RocksTuning.family(family, cache));
                descriptors.add(new ColumnFamilyDescriptor(family.cfName(), familyOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
            Map<Family, ColumnFamilyHandle> byFamily = new EnumMap<>(Family.class);
            for (Family family : Family.values()) {
                byFamily.put(family, handles.get(family.ordinal() + 1));
            }
            return new RocksHandles(db, byFamily, handles, resources);
        } catch (RocksDBException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    RocksDB db() {
        return db;
    }

    ColumnFamilyHandle family(Family family) {
        return families.get(family);
    }

    /** Closes the DB (without flushing memtables: the WAL already holds them) and all options. */
    @Override
    public void close() throws RocksDBException {
        try {
            for (ColumnFamilyHandle handle : allHandles) {
                handle.close();
            }
            db.closeE();
        } finally {
            closeAll(resources);
        }
    }

    private static <T extends AbstractNativeReference> T add(List<AbstractNativeReference> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private static void closeAll(List<AbstractNativeReference> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
