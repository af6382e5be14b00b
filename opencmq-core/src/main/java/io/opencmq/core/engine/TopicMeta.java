package io.opencmq.core.engine;

import io.opencmq.core.topic.FilterType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A topic's durable record, stored as node value {@code topic/<id>}.
 *
 * <p>Format (version 1, DataOutput big-endian): version byte, name (UTF), filter type code
 * (byte), maxMsgSize (int), createTime, lastModifyTime (longs).
 */
record TopicMeta(long topicId, String name, FilterType filterType, int maxMsgSize, long createTime, long lastModifyTime) {
    private static final byte VERSION = 1;
    static final String KEY_PREFIX = "topic/";

    String key() {
        return KEY_PREFIX + topicId;
    }

    TopicMeta withMaxMsgSize(int size, long now) {
        return new TopicMeta(topicId, name, filterType, size, createTime, now);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(name);
            out.writeByte(filterType.code());
            out.writeInt(maxMsgSize);
            out.writeLong(createTime);
            out.writeLong(lastModifyTime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TopicMeta decode(String key, byte[] raw) {
        long id = Long.parseLong(key.substring(KEY_PREFIX.length()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("topic " + id + ": unknown record version " + version);
            }
            return new TopicMeta(id, in.readUTF(), FilterType.ofCode(in.readByte()), in.readInt(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("topic " + id + ": corrupt record", e);
        }
    }
}
