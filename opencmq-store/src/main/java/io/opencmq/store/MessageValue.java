package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.spi.StoredMessage;

import java.util.Arrays;

/**
 * Value layout of the msg column family:
 * {@code [format version 1 byte][enqueueTimeMillis 8][visibleAtMillis 8][body]}, numbers big-endian.
 * The version byte lets a later release change the layout and still read old records.
 */
final class MessageValue {

    static final byte FORMAT_V1 = 1;
    static final int HEADER_BYTES = 1 + Long.BYTES + Long.BYTES;

    private MessageValue() {
    }

    static byte[] encode(long enqueueTimeMillis, long visibleAtMillis, byte[] body) {
        byte[] value = new byte[HEADER_BYTES + body.length];
        value[0] = FORMAT_V1;
        StoreKeys.putLong(value, 1, enqueueTimeMillis);
        StoreKeys.putLong(value, 1 + Long.BYTES, visibleAtMillis);
        System.arraycopy(body, 0, value, HEADER_BYTES, body.length);
        return value;
    }

    static StoredMessage decode(long seq, byte[] value) {
        if (value.length < HEADER_BYTES || value[0] != FORMAT_V1) {
            throw new QueueException(ErrorReason.INTERNAL, "message " + seq + " has an unknown storage format ("
                    + (value.length == 0 ? "empty" : "version " + value[0]) + ")");
        }
        return new StoredMessage(seq, StoreKeys.longAt(value, 1), StoreKeys.longAt(value, 1 + Long.BYTES),
                Arrays.copyOfRange(value, HEADER_BYTES, value.length));
    }
}
