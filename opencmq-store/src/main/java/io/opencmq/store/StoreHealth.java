package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store can still be trusted with writes. The first failed write or WAL fsync marks
 * it broken for good: RocksDB may have stopped accepting writes, and a failed fsync may have
 * dropped dirty pages, so carrying on could acknowledge data that is not on disk. Every later
 * write then fails with the same {@link ErrorReason#UNAVAILABLE} error, which the server reports.
 *
 * <p>Thread-safety: safe for any thread; the writer thread and the WAL sync task report into it.
 */
final class StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private volatile QueueException failure;

    /** The error every write now fails with, or null while the store is healthy. */
    QueueException failure() {
        return failure;
    }

    synchronized void fail(String what, Throwable cause) {
        if (failure != null) {
            LOG.error("Message store already failed; {} failed too", what, cause);
            return;
        }
        LOG.error("Message store failed: {} failed; every further write will be refused", what, cause);
        failure = new QueueException(ErrorReason.UNAVAILABLE, "storage failed: " + what + ": " + cause);
    }
}
