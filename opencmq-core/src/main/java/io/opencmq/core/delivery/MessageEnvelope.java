package io.opencmq.core.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The core's own fields of a message, kept inside the attribute bytes the store holds for it,
 * so that the storage format stays as it is: a FIFO message's group and deduplication id, and
 * the queue a dead letter was moved from together with its id and enqueue time there (a dead
 * letter keeps both, as in SQS). A message without any of them stores the protocol's
 * attribute bytes unchanged (null when it has none).
 *
 * <p>Format: {@code 0xC7} (a marker no protocol's attribute bytes start with: SQS's begin with
 * their version, 1), version 1, a flags byte (1 = group, 2 = dedup id, 4 = dead-letter
 * source, 8 = origin, 16 = moved), each present string field as u16 length + UTF-8 in that order (the
 * origin: its message id, then its enqueue time as i64), then the protocol's bytes to the end.
 *
 * @param originalMsgId       the id the message had in the queue it was first sent to, or null
 * @param originalEnqueueTime its enqueue time there (Unix ms), 0 when {@code originalMsgId} is null
 * @param moved               the message was moved here from a dead-letter queue by a move task: a
 *                            new message of this queue, but one that was never sent to it, so its
 *                            deduplication id is not this queue's to remember
 */
public record MessageEnvelope(String groupId, String dedupId, String deadLetterSource, String originalMsgId,
                              long originalEnqueueTime, boolean moved, byte[] protocolAttributes) {

    private static final byte MARKER = (byte) 0xC7;
    private static final byte VERSION = 1;
    private static final int GROUP = 1;
    private static final int DEDUP = 2;
    private static final int SOURCE = 4;
    private static final int ORIGIN = 8;
    private static final int MOVED = 16;

    public static final MessageEnvelope NONE = new MessageEnvelope(null, null, null, null);

    public MessageEnvelope(String groupId, String dedupId, String deadLetterSource, byte[] protocolAttributes) {
        this(groupId, dedupId, deadLetterSource, null, 0, false, protocolAttributes);
    }

    /** A message moved back from a dead-letter queue: a new message of its queue, marked moved. */
    public static MessageEnvelope movedBack(String groupId, String dedupId, byte[] protocolAttributes) {
        return new MessageEnvelope(groupId, dedupId, null, null, 0, true, protocolAttributes);
    }

    /** Whether this message was sent to its queue (not moved there), so that its deduplication id counts. */
    public boolean deduplicates() {
        // deadLetterSource: dead letters written before origins were recorded have no origin.
        return dedupId != null && deadLetterSource == null && originalMsgId == null && !moved;
    }

    /** The bytes to store. */
    public byte[] encode() {
        if (groupId == null && dedupId == null && deadLetterSource == null && originalMsgId == null && !moved) {
            return protocolAttributes;
        }
        byte[] g = utf8(groupId);
        byte[] d = utf8(dedupId);
        byte[] s = utf8(deadLetterSource);
        byte[] o = utf8(originalMsgId);
        int size = 3 + field(g) + field(d) + field(s) + (o == null ? 0 : field(o) + 8)
                + (protocolAttributes == null ? 0 : protocolAttributes.length);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MARKER).put(VERSION).put((byte) ((g != null ? GROUP : 0) | (d != null ? DEDUP : 0)
                | (s != null ? SOURCE : 0) | (o != null ? ORIGIN : 0) | (moved ? MOVED : 0)));
        put(out, g);
        put(out, d);
        put(out, s);
        if (o != null) {
            put(out, o);
            out.putLong(originalEnqueueTime);
        }
        if (protocolAttributes != null) {
            out.put(protocolAttributes);
        }
        return out.array();
    }

    /** Reads what {@link #encode} wrote; bytes without the marker are the protocol's alone. */
    public static MessageEnvelope decode(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return NONE;
        }
        if (stored[0] != MARKER) {
            return new MessageEnvelope(null, null, null, stored);
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        in.get();
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown message envelope version " + version);
        }
        int flags = in.get();
        String g = (flags & GROUP) != 0 ? read(in) : null;
        String d = (flags & DEDUP) != 0 ? read(in) : null;
        String s = (flags & SOURCE) != 0 ? read(in) : null;
        String o = (flags & ORIGIN) != 0 ? read(in) : null;
        long time = o != null ? in.getLong() : 0;
        byte[] rest = in.hasRemaining() ? Arrays.copyOfRange(stored, in.position(), stored.length) : null;
        return new MessageEnvelope(g, d, s, o, time, (flags & MOVED) != 0, rest);
    }

    /** Only the group id (the FIFO scheduler needs nothing else), without copying the rest. */
    public static String groupOf(byte[] stored) {
        if (stored == null || stored.length < 3 || stored[0] != MARKER || (stored[2] & GROUP) == 0) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        in.position(3);
        return read(in);
    }

    /** This message as a dead letter of {@code source}, where it had {@code msgId} since {@code enqueueTime}. */
    public MessageEnvelope asDeadLetterOf(String source, String msgId, long enqueueTime) {
        return originalMsgId != null
                ? new MessageEnvelope(groupId, dedupId, source, originalMsgId, originalEnqueueTime, false, protocolAttributes)
                : new MessageEnvelope(groupId, dedupId, source, msgId, enqueueTime, false, protocolAttributes);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int field(byte[] b) {
        return b == null ? 0 : 2 + b.length;
    }

    private static void put(ByteBuffer out, byte[] b) {
        if (b != null) {
            out.putShort((short) b.length).put(b);
        }
    }

    private static String read(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}
