package io.opencmq.store;

import org.rocksdb.InfoLogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RocksDB's own warnings and errors to SLF4J (logger {@code io.opencmq.store.rocksdb}), so
 * that what recovery dropped — for example "dropping N bytes; Corruption: checksum mismatch" for
 * a torn WAL tail — shows up in the server's log rather than in a LOG file nobody reads.
 * Informational chatter (flushes, compactions, statistics) is not forwarded, and with a logger
 * installed RocksDB writes no LOG file of its own.
 *
 * <p>Threading: RocksDB calls {@link #log} from its own background threads.
 */
final class RocksLogBridge extends org.rocksdb.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("io.opencmq.store.rocksdb");

    RocksLogBridge() {
        super(InfoLogLevel.WARN_LEVEL);
    }

    @Override
    protected void log(InfoLogLevel level, String message) {
        switch (level) {
            case FATAL_LEVEL, ERROR_LEVEL -> LOG.error(message);
            case WARN_LEVEL -> LOG.warn(message);
            default -> LOG.info(message);
        }
    }
}
