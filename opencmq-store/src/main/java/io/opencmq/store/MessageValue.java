package io.opencmq.store;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.spi.StoredMessage;

import java.util.Arrays;

/**
 * Value layout of the msg column family, numbers big-endian:
 * <ul>
 *   <li>version 1 (a message without attributes):
 *       {@code [1][enqueueTimeMillis 8][visibleAtMillis 8][body]}</li>
 *   <li>version 2 (a message with attributes, e.g. SQS message attributes):
 *       {@code [2][enqueueTimeMillis 8][visibleAtMillis 8][attributes length 4][attributes][body]}</li>
 * </ul>
 * The version byte lets a later release change the layout and still read old records; both
 * versions are read.
 */
final class MessageValue {

    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    static final int HEADER_BYTES = 1 + Long.BYTES + Long.BYTES;

    private MessageValue() {
    }

    static byte[] encode(long enqueueTimeMillis, long visibleAtMillis, byte[] body, byte[] attributes) {
        int attrBytes = attributes == null ? 0 : Integer.BYTES + attributes.length;
        byte[] value = new byte[HEADER_BYTES + attrBytes + body.length];
        value[0] = attributes == null ? FORMAT_V1 : FORMAT_V2;
        StoreKeys.putLong(value, 1, enqueueTimeMillis);
        StoreKeys.putLong(value, 1 + Long.BYTES, visibleAtMillis);
        if (attributes != null) {
            putInt(value, HEADER_BYTES, attributes.length);
            System.arraycopy(attributes, 0, value, HEADER_BYTES + Integer.BYTES, attributes.length);
        }
        System.arraycopy(body, 0, value, HEADER_BYTES + attrBytes, body.length);
        return value;
    }

    static StoredMessage decode(long seq, byte[] value) {
        if (value.length >= HEADER_BYTES && value[0] == FORMAT_V1) {
            return new StoredMessage(seq, StoreKeys.longAt(value, 1), StoreKeys.longAt(value, 1 + Long.BYTES),
                    Arrays.copyOfRange(value, HEADER_BYTES, value.length), null);
        }
        if (value.length >= HEADER_BYTES + Integer.BYTES && value[0] == FORMAT_V2) {
            int attrLength = getInt(value, HEADER_BYTES);
            int bodyStart = HEADER_BYTES + Integer.BYTES + attrLength;
            if (attrLength >= 0 && bodyStart <= value.length) {
                return new StoredMessage(seq, StoreKeys.longAt(value, 1), StoreKeys.longAt(value, 1 + Long.BYTES),
                        Arrays.copyOfRange(value, bodyStart, value.length),
                        Arrays.copyOfRange(value, HEADER_BYTES + Integer.BYTES, bodyStart));
            }
        }
        throw new QueueException(ErrorReason.INTERNAL, "message " + seq + " has an unknown storage format ("
                + (value.length == 0 ? "empty" : "version " + value[0] + ", " + value.length + " bytes") + ")");
    }

    private static void putInt(byte[] into, int offset, int v) {
        into[offset] = (byte) (v >>> 24);
        into[offset + 1] = (byte) (v >>> 16);
        into[offset + 2] = (byte) (v >>> 8);
        into[offset + 3] = (byte) v;
    }

    private static int getInt(byte[] from, int offset) {
        return ((from[offset] & 0xFF) << 24) | ((from[offset + 1] & 0xFF) << 16)
                | ((from[offset + 2] & 0xFF) << 8) | (from[offset + 3] & 0xFF);
    }
}
