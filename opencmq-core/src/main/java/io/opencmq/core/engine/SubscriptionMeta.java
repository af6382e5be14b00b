package io.opencmq.core.engine;

import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.NotifyStrategy;
import io.opencmq.core.topic.SubscriptionProtocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription's durable record, stored as node value {@code sub/<id>}. HTTP subscriptions
 * own a hidden queue ({@code pushQueueName}) that holds the messages still to be pushed.
 *
 * <p>Format (version 1, DataOutput big-endian): version byte, topicId (long), name (UTF),
 * protocol, endpoint, strategy, format (UTFs), filter tags and binding keys (each: count int,
 * then UTFs), createTime, lastModifyTime (longs), pushQueueName (UTF, empty for queues).
 */
record SubscriptionMeta(long subscriptionId, long topicId, String name, SubscriptionProtocol protocol, String endpoint,
                        NotifyStrategy strategy, ContentFormat format, List<String> filterTags, List<String> bindingKeys,
                        long createTime, long lastModifyTime, String pushQueueName) {
    private static final byte VERSION = 1;
    static final String KEY_PREFIX = "sub/";

    String key() {
        return KEY_PREFIX + subscriptionId;
    }

    SubscriptionMeta with(NotifyStrategy s, ContentFormat f, List<String> tags, List<String> keys, long now) {
        return new SubscriptionMeta(subscriptionId, topicId, name, protocol, endpoint, s, f, List.copyOf(tags),
                List.copyOf(keys), createTime, now, pushQueueName);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(topicId);
            out.writeUTF(name);
            out.writeUTF(protocol.name());
            out.writeUTF(endpoint);
            out.writeUTF(strategy.name());
            out.writeUTF(format.name());
            writeList(out, filterTags);
            writeList(out, bindingKeys);
            out.writeLong(createTime);
            out.writeLong(lastModifyTime);
            out.writeUTF(pushQueueName == null ? "" : pushQueueName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SubscriptionMeta decode(String key, byte[] raw) {
        long id = Long.parseLong(key.substring(KEY_PREFIX.length()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("subscription " + id + ": unknown record version " + version);
            }
            long topicId = in.readLong();
            String name = in.readUTF();
            SubscriptionProtocol protocol = SubscriptionProtocol.valueOf(in.readUTF());
            String endpoint = in.readUTF();
            NotifyStrategy strategy = NotifyStrategy.valueOf(in.readUTF());
            ContentFormat format = ContentFormat.valueOf(in.readUTF());
            List<String> tags = readList(in);
            List<String> keys = readList(in);
            long create = in.readLong();
            long modify = in.readLong();
            String pushQueue = in.readUTF();
            return new SubscriptionMeta(id, topicId, name, protocol, endpoint, strategy, format, tags, keys, create,
                    modify, pushQueue.isEmpty() ? null : pushQueue);
        } catch (IOException e) {
            throw new UncheckedIOException("subscription " + id + ": corrupt record", e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return List.copyOf(values);
    }
}
