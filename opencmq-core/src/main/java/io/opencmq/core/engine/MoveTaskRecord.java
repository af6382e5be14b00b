package io.opencmq.core.engine;

import io.opencmq.core.queue.MessageMoveTask.Status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A message move task's durable record, stored as node value {@code move-task/<ordinal>}: the
 * ordinal (zero-padded, so the store lists records oldest first) orders the tasks of a node by
 * start, which the start time alone cannot (two tasks may start in one millisecond).
 *
 * <p>Format (version 1, DataOutput big-endian): version byte, handle, source (strings),
 * destination (optional string), maxPerSecond (int, 0: none), status code (byte), toMove,
 * moved, startedAt, seqLimit (longs), failureReason (optional string). A string is an int
 * length and that many UTF-8 bytes; an optional string is a presence byte, then the string.
 *
 * @param seqLimit the source's next seq when the task started: only messages below it are moved
 */
record MoveTaskRecord(long ordinal, String handle, String source, String destination, Integer maxPerSecond,
                      Status status, long toMove, long moved, long startedAt, long seqLimit, String failureReason) {
    private static final byte VERSION = 1;
    static final String KEY_PREFIX = "move-task/";

    static String key(long ordinal) {
        return KEY_PREFIX + String.format("%019d", ordinal);
    }

    String key() {
        return key(ordinal);
    }

    MoveTaskRecord withStatus(Status newStatus, String reason) {
        return new MoveTaskRecord(ordinal, handle, source, destination, maxPerSecond, newStatus, toMove, moved,
                startedAt, seqLimit, reason);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, handle);
            writeString(out, source);
            writeOptional(out, destination);
            out.writeInt(maxPerSecond == null ? 0 : maxPerSecond);
            out.writeByte(code(status));
            out.writeLong(toMove);
            out.writeLong(moved);
            out.writeLong(startedAt);
            out.writeLong(seqLimit);
            writeOptional(out, failureReason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MoveTaskRecord decode(String key, byte[] raw) {
        long ordinal = Long.parseLong(key.substring(KEY_PREFIX.length()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("move task " + ordinal + ": unknown record version " + version);
            }
            String handle = readString(in);
            String source = readString(in);
            String destination = readOptional(in);
            int rate = in.readInt();
            Status status = status(in.readByte());
            long toMove = in.readLong();
            long moved = in.readLong();
            long startedAt = in.readLong();
            long seqLimit = in.readLong();
            String reason = readOptional(in);
            return new MoveTaskRecord(ordinal, handle, source, destination, rate == 0 ? null : rate, status, toMove,
                    moved, startedAt, seqLimit, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("move task " + ordinal + ": corrupt record", e);
        }
    }

    /** Explicit codes, so reordering the enum never changes what a stored record means. */
    private static byte code(Status s) {
        return switch (s) {
            case RUNNING -> 1;
            case CANCELLING -> 2;
            case CANCELLED -> 3;
            case COMPLETED -> 4;
            case FAILED -> 5;
        };
    }

    private static Status status(byte code) {
        return switch (code) {
            case 1 -> Status.RUNNING;
            case 2 -> Status.CANCELLING;
            case 3 -> Status.CANCELLED;
            case 4 -> Status.COMPLETED;
            case 5 -> Status.FAILED;
            default -> throw new IllegalStateException("unknown move task status code " + code);
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeOptional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
