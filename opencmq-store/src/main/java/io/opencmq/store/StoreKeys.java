package io.opencmq.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Key layouts of every column family. All numbers are 8-byte big-endian, so RocksDB's bytewise
 * order equals numeric order for the non-negative ids, seqs, chunks and due times the store
 * accepts, and every queue's keys form one contiguous range starting with its 8-byte id.
 *
 * <pre>
 *   msg    queueId · seq          (16 bytes)
 *   ack    queueId · chunk        (16 bytes)
 *   delay  queueId · due · seq    (24 bytes)
 *   meta   0x01 · queueId         (9 bytes)   queue meta record
 *          0x02 · UTF-8 name      (1+ bytes)  node-wide value
 * </pre>
 *
 * <p>Exclusive upper bounds are built with {@code x + 1}: for a non-negative x that is at most
 * {@link Long#MIN_VALUE}, whose bytes 0x80 00.. still sort after every non-negative value, so
 * the bound is right even for {@link Long#MAX_VALUE}.
 */
final class StoreKeys {

    static final byte QUEUE_META_TAG = 0x01;
    static final byte NODE_VALUE_TAG = 0x02;

    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private StoreKeys() {
    }

    /** First possible key of the queue in msg, ack and delay: its 8-byte id alone. */
    static byte[] queueStart(long queueId) {
        return longs(queueId);
    }

    /** Exclusive end of the queue's keys in msg, ack and delay. */
    static byte[] queueEnd(long queueId) {
        return longs(queueId + 1);
    }

    static byte[] message(long queueId, long seq) {
        return longs(queueId, seq);
    }

    static byte[] ackChunk(long queueId, long chunk) {
        return longs(queueId, chunk);
    }

    static byte[] delay(long queueId, long dueMillis, long seq) {
        return longs(queueId, dueMillis, seq);
    }

    static byte[] queueMeta(long queueId) {
        byte[] key = new byte[9];
        key[0] = QUEUE_META_TAG;
        BE_LONG.set(key, 1, queueId);
        return key;
    }

    /** Inclusive start and exclusive end of the queue meta records in meta. */
    static byte[] queueMetasStart() {
        return new byte[] {QUEUE_META_TAG};
    }

    static byte[] queueMetasEnd() {
        return new byte[] {QUEUE_META_TAG + 1};
    }

    static byte[] nodeValue(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[utf8.length + 1];
        key[0] = NODE_VALUE_TAG;
        System.arraycopy(utf8, 0, key, 1, utf8.length);
        return key;
    }

    /** The exclusive end of the node values whose names start with {@code prefix}. */
    static byte[] nodeValuesEnd(String prefix) {
        byte[] key = nodeValue(prefix);
        for (int i = key.length - 1; i >= 0; i--) {
            if (key[i] != (byte) 0xFF) {
                byte[] end = java.util.Arrays.copyOf(key, i + 1);
                end[i]++;
                return end;
            }
        }
        throw new IllegalStateException("no end for prefix " + prefix);
    }

    /** The big-endian long at {@code offset}: field 0 is the queue id, field 1 the seq or chunk or due. */
    static long longAt(byte[] key, int offset) {
        return (long) BE_LONG.get(key, offset);
    }

    static void putLong(byte[] into, int offset, long value) {
        BE_LONG.set(into, offset, value);
    }

    private static byte[] longs(long... fields) {
        byte[] key = new byte[fields.length * Long.BYTES];
        for (int i = 0; i < fields.length; i++) {
            BE_LONG.set(key, i * Long.BYTES, fields[i]);
        }
        return key;
    }
}
