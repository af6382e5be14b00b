package io.opencmq.core.engine;

import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A queue's durable identity and configuration, as stored in its meta record.
 * {@code seqFloor}: the next seq is never below it (so ids are not reused after a purge).
 *
 * <p>Format (DataOutput big-endian): version byte, name (UTF), createTime,
 * lastModifyTime, seqFloor, maxMsgHeapNum (long), pollingWaitSeconds, visibilityTimeout,
 * maxMsgSize, msgRetentionSeconds, rewindSeconds (ints), dead-letter flag byte and, if 1,
 * deadLetterQueue (UTF), policy, maxReceiveCount, maxTimeToLive (ints). Version 2 adds
 * delaySeconds (int) and the properties (count int, then key and value UTFs). Version 3 adds
 * the FIFO flag byte (0 standard, 1 FIFO with per-queue deduplication, 2 FIFO with
 * per-group deduplication). Older records are still read (delay 0, no properties, standard).
 */
record QueueMeta(long queueId, String name, long createTime, long lastModifyTime, long seqFloor, QueueConfig config) {

    private static final byte VERSION = 3;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(name);
            out.writeLong(createTime);
            out.writeLong(lastModifyTime);
            out.writeLong(seqFloor);
            out.writeLong(config.maxMsgHeapNum());
            out.writeInt(config.pollingWaitSeconds());
            out.writeInt(config.visibilityTimeout());
            out.writeInt(config.maxMsgSize());
            out.writeInt(config.msgRetentionSeconds());
            out.writeInt(config.rewindSeconds());
            DeadLetterPolicy p = config.deadLetterPolicy();
            out.writeByte(p == null ? 0 : 1);
            if (p != null) {
                out.writeUTF(p.deadLetterQueue());
                out.writeInt(p.policy());
                out.writeInt(p.maxReceiveCount());
                out.writeInt(p.maxTimeToLive());
            }
            out.writeInt(config.delaySeconds());
            out.writeInt(config.properties().size());
            for (var e : new java.util.TreeMap<>(config.properties()).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            FifoPolicy fifo = config.fifo();
            out.writeByte(fifo == null ? 0 : fifo.dedupPerGroup() ? 2 : 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static QueueMeta decode(long queueId, byte[] raw) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            byte version = in.readByte();
            if (version < 1 || version > 3) {
                throw new IllegalStateException("queue " + queueId + ": unknown meta version " + version);
            }
            String name = in.readUTF();
            long create = in.readLong();
            long modify = in.readLong();
            long floor = in.readLong();
            long heap = in.readLong();
            int wait = in.readInt();
            int visibility = in.readInt();
            int size = in.readInt();
            int retention = in.readInt();
            int rewind = in.readInt();
            DeadLetterPolicy p = null;
            if (in.readByte() == 1) {
                p = new DeadLetterPolicy(in.readUTF(), in.readInt(), in.readInt(), in.readInt());
            }
            int delay = 0;
            java.util.Map<String, String> properties = new java.util.TreeMap<>();
            if (version >= 2) {
                delay = in.readInt();
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    properties.put(in.readUTF(), in.readUTF());
                }
            }
            FifoPolicy fifo = null;
            if (version >= 3) {
                byte kind = in.readByte();
                fifo = kind == 0 ? null : new FifoPolicy(kind == 2);
            }
            return new QueueMeta(queueId, name, create, modify, floor,
                    new QueueConfig(heap, wait, visibility, size, retention, rewind, p, delay, properties, fifo));
        } catch (IOException e) {
            throw new UncheckedIOException("queue " + queueId + ": corrupt meta record", e);
        }
    }
}
