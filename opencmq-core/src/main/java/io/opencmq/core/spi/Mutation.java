package io.opencmq.core.spi;

/**
 * One change to durable state, produced by the engine and applied by a {@link MessageStore}.
 * A list of mutations handed to {@link MessageStore#write} is applied atomically and in order.
 *
 * <p>Key spaces (per queue, by internal numeric queue id): messages by seq, ack chunks by
 * chunk index (seq / {@link #ACK_CHUNK_BITS}), delay entries by (due, seq), one meta record;
 * plus node-wide named values. Nothing on the hot path deletes single keys: messages and
 * delay entries leave only by range deletes of a prefix, so a store built on an LSM tree does
 * not pile up point tombstones at the head of a queue.
 */
public sealed interface Mutation {

    /** Bits per ack chunk: a delete rewrites one value of ACK_CHUNK_BITS / 8 bytes. */
    int ACK_CHUNK_BITS = 1024;
    /** Longs per ack chunk. */
    int ACK_CHUNK_LONGS = ACK_CHUNK_BITS / 64;

    /**
     * A new message. {@code visibleAtMillis} > {@code enqueueTimeMillis} when it was sent with a
     * delay. {@code attributes} are opaque bytes a protocol keeps with the message (null: none).
     */
    record PutMessage(long queueId, long seq, long enqueueTimeMillis, long visibleAtMillis, byte[] body,
                      byte[] attributes) implements Mutation {
        public PutMessage(long queueId, long seq, long enqueueTimeMillis, long visibleAtMillis, byte[] body) {
            this(queueId, seq, enqueueTimeMillis, visibleAtMillis, body, null);
        }
    }

    /** Removes messages with {@code fromSeq <= seq < toSeq}. */
    record DeleteMessages(long queueId, long fromSeq, long toSeq) implements Mutation { }

    /** Replaces one ack chunk: bit i set = message chunk * ACK_CHUNK_BITS + i is deleted. */
    record PutAckChunk(long queueId, long chunk, long[] bits) implements Mutation { }

    /** Removes ack chunks with {@code fromChunk <= chunk < toChunk}. */
    record DeleteAckChunks(long queueId, long fromChunk, long toChunk) implements Mutation { }

    /** A delay-timer entry: message {@code seq} becomes visible at {@code dueMillis}. */
    record PutDelay(long queueId, long dueMillis, long seq) implements Mutation { }

    /** Removes every delay entry of the queue ordered at or before (dueMillis, seq). */
    record DeleteDelaysThrough(long queueId, long dueMillis, long seq) implements Mutation { }

    /** Creates or replaces the queue's meta record (opaque to the store). */
    record PutQueueMeta(long queueId, byte[] meta) implements Mutation { }

    /** Removes the queue's meta record and all of its messages, acks and delay entries. */
    record DropQueue(long queueId) implements Mutation { }

    /** A node-wide named value (for example the next queue id, or a topic's record). */
    record PutNodeValue(String key, byte[] value) implements Mutation { }

    /** Removes a node-wide named value (a deleted topic or subscription; never on the hot path). */
    record DeleteNodeValue(String key) implements Mutation { }
}
