package io.opencmq.protocol.sqs.action.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes the SQS front stores with a message as its opaque attributes (the core keeps them
 * and returns them on receive; a CMQ client never sees them). Format, version 1, big-endian:
 *
 * <pre>
 * u8  version (1)
 * u8  number of message attributes, then each as an entry
 * u8  number of message system attributes (AWSTraceHeader), then each as an entry
 * entry: u16 name length, name (UTF-8); u16 type length, data type (UTF-8);
 *        u8 kind (1 = string value, 2 = binary value); u32 value length, value bytes
 * </pre>
 *
 * A message without either kind of attribute stores nothing (null). Decoding an unknown
 * version or a truncated record fails loudly: it would mean a bug or a newer writer.
 */
public final class AttributeCodec {

    private static final int VERSION = 1;
    private static final int STRING = 1;
    private static final int BINARY = 2;

    /** What a message was sent with. */
    public record Attributes(List<MessageAttribute> user, List<MessageAttribute> system) {
        public static final Attributes NONE = new Attributes(List.of(), List.of());
    }

    private AttributeCodec() {
    }

    /** The stored form, or null when there is nothing to store. */
    public static byte[] encode(List<MessageAttribute> user, List<MessageAttribute> system) {
        if (user.isEmpty() && system.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        writeAll(out, user);
        writeAll(out, system);
        return out.toByteArray();
    }

    public static Attributes decode(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return Attributes.NONE;
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new IllegalStateException("unknown SQS attribute format version " + version);
        }
        List<MessageAttribute> user = readAll(in);
        List<MessageAttribute> system = readAll(in);
        return new Attributes(user, system);
    }

    private static void writeAll(ByteArrayOutputStream out, List<MessageAttribute> attributes) {
        out.write(attributes.size());
        for (MessageAttribute a : attributes) {
            writeShort(out, a.name().getBytes(StandardCharsets.UTF_8));
            writeShort(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            byte[] value = a.isBinary() ? a.binaryValue() : a.stringValue().getBytes(StandardCharsets.UTF_8);
            out.write(a.isBinary() ? BINARY : STRING);
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
        }
    }

    private static void writeShort(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    private static List<MessageAttribute> readAll(ByteBuffer in) {
        int count = in.get() & 0xff;
        List<MessageAttribute> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = readShortString(in);
            String type = readShortString(in);
            int kind = in.get() & 0xff;
            byte[] value = new byte[in.getInt()];
            in.get(value);
            out.add(kind == BINARY
                    ? new MessageAttribute(name, type, null, value)
                    : new MessageAttribute(name, type, new String(value, StandardCharsets.UTF_8), null));
        }
        return out;
    }

    private static String readShortString(ByteBuffer in) {
        byte[] bytes = new byte[in.getShort() & 0xffff];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
