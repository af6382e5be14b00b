package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;

/**
 * Value layout of the ack column family: the chunk's {@code long[]} words, in order, as 8-byte
 * big-endian longs. The store does not interpret the bits; the engine owns their meaning.
 */
final class AckChunkValue {

    private AckChunkValue() {
    }

    static byte[] encode(long[] bits) {
        byte[] value = new byte[bits.length * Long.BYTES];
        for (int i = 0; i < bits.length; i++) {
            StoreKeys.putLong(value, i * Long.BYTES, bits[i]);
        }
        return value;
    }

    static long[] decode(long chunk, byte[] value) {
        if (value.length % Long.BYTES != 0) {
            throw new QueueException(ErrorReason.INTERNAL, "ack chunk " + chunk + " has " + value.length
                    + " bytes, not a whole number of longs");
        }
        long[] bits = new long[value.length / Long.BYTES];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = StoreKeys.longAt(value, i * Long.BYTES);
        }
        return bits;
    }
}
