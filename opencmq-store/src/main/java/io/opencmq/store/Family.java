package io.opencmq.store;

import java.nio.charset.StandardCharsets;

/**
 * The column families of the store, one per key space of {@link io.opencmq.core.spi.Mutation}.
 * Their key and value layouts are described in {@link StoreKeys} and {@link MessageValue}.
 */
enum Family {
    /** Queue meta records and node-wide values: small, read at start. */
    META("meta"),
    /** Message records by queueId · seq. */
    MSG("msg"),
    /** Ack bitmaps by queueId · chunk. */
    ACK("ack"),
    /** Delay timer entries by queueId · due · seq, with empty values. */
    DELAY("delay");

    private final String cfName;

    Family(String cfName) {
        this.cfName = cfName;
    }

    /** The RocksDB column family name, as stored in the MANIFEST; never rename. */
    byte[] cfName() {
        return cfName.getBytes(StandardCharsets.UTF_8);
    }
}
