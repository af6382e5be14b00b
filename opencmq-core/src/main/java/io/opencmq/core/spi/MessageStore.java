package io.opencmq.core.spi;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;
import java.util.List;

/**
 * The durable storage port of the core. Implementations: the RocksDB store (opencmq-store)
 * and {@link io.opencmq.core.store.MemoryMessageStore} for tests and embedded use.
 *
 * <p>Threading: {@link #write} may be called from many threads; the lists handed to it are
 * applied in the order of the calls (calls made under one queue's lock therefore land in that
 * order) and their futures complete in that order. Reads may be called from many threads and
 * see every write whose future has completed. Recovery reads are called once, before any write.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Applies the mutations atomically and in order. The future completes once they are
     * durable under the store's fsync policy, or fails if they could not be written.
     * Concurrent calls share one fsync (group commit).
     */
    CompletableFuture<Void> write(List<Mutation> mutations);

    /** Every queue's meta record by internal queue id. */
    Map<Long, byte[]> loadQueueMetas();

    /** A node-wide value written by {@link Mutation.PutNodeValue}, or null. */
    byte[] readNodeValue(String key);

    /** Every node-wide value whose name starts with {@code prefix}, by name in ascending order. */
    java.util.SortedMap<String, byte[]> loadNodeValues(String prefix);

    /**
     * What recovery needs of every queue that has stored messages or delay entries, read in one
     * pass per key space instead of one read per queue (a node may hold ten thousand queues).
     */
    Map<Long, QueueExtent> queueExtents();

    /** Calls {@code consumer} for every ack chunk of every queue, in (queue, chunk) order. */
    void forEachAckChunk(AllAckChunksConsumer consumer);

    /**
     * A queue's stored range: {@code firstSeq}/{@code lastSeq} -1 when it has no message,
     * {@code lastEnqueueTimeMillis} of the last message (0 if none), and its delay entries.
     */
    record QueueExtent(long firstSeq, long lastSeq, long lastEnqueueTimeMillis, long delayCount) {
        public static final QueueExtent EMPTY = new QueueExtent(-1, -1, 0, 0);
    }

    @FunctionalInterface
    interface AllAckChunksConsumer {
        void accept(long queueId, long chunk, long[] bits);
    }

    /** Lowest stored message seq of the queue, or -1 when it has none. */
    long firstSeq(long queueId);

    /** Highest stored message seq of the queue, or -1 when it has none. */
    long lastSeq(long queueId);

    /** Calls {@code consumer} for every ack chunk of the queue, in chunk order. */
    void forEachAckChunk(long queueId, AckChunkConsumer consumer);

    /**
     * Reads up to {@code max} delay entries of the queue ordered strictly after
     * (afterDueMillis, afterSeq), in (due, seq) order. Pass (-1, -1) to read from the start.
     */
    void readDelays(long queueId, long afterDueMillis, long afterSeq, int max, DelayConsumer consumer);

    /** Number of delay entries the queue holds. */
    long countDelays(long queueId);

    /**
     * Reads messages with {@code fromSeq <= seq < toSeq} in seq order, skipping those for which
     * {@code skip} is true without reading their bodies into the heap, until {@code max}
     * messages were passed to the consumer.
     *
     * @return the seq after the last one examined (where the next scan should start)
     */
    long scanMessages(long queueId, long fromSeq, long toSeq, int max, LongPredicate skip,
                      MessageConsumer consumer);

    /** One message, or null if it is not stored. */
    StoredMessage readMessage(long queueId, long seq);

    /** Makes everything written so far durable and releases resources. */
    @Override
    void close();

    @FunctionalInterface
    interface AckChunkConsumer {
        void accept(long chunk, long[] bits);
    }

    @FunctionalInterface
    interface DelayConsumer {
        void accept(long dueMillis, long seq);
    }

    @FunctionalInterface
    interface MessageConsumer {
        void accept(StoredMessage message);
    }
}
