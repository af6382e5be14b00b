package io.opencmq.core.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A published message as kept in an HTTP subscription's push queue: what the push needs
 * besides the body (the topic's message id, tags and publish time).
 *
 * <p>Format (version 1, DataOutput big-endian): version byte, publishTime (long), msgId
 * (UTF), tag count (byte) and tags (UTFs), body length (int), body.
 */
record PushEnvelope(String msgId, long publishTimeMillis, List<String> tags, byte[] body) {
    private static final byte VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(publishTimeMillis);
            out.writeUTF(msgId);
            out.writeByte(tags.size());
            for (String t : tags) {
                out.writeUTF(t);
            }
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PushEnvelope decode(byte[] raw) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown push envelope version " + version);
            }
            long time = in.readLong();
            String id = in.readUTF();
            int n = in.readByte();
            List<String> tags = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tags.add(in.readUTF());
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new PushEnvelope(id, time, List.copyOf(tags), body);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt push envelope", e);
        }
    }
}
