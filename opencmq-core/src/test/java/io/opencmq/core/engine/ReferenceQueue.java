package io.opencmq.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The simplest possible model of one queue's semantics, for the model-based test: every
 * message is an object, nothing is on disk, every rule is a one-liner. The engine must agree
 * with it after every step.
 */
final class ReferenceQueue {
    static final class Msg {
        final long seq;
        final String body;
        final long enqueueTime;
        final long due;
        long lockedUntil;
        String handle;
        int dequeueCount;
        boolean deleted;

        Msg(long seq, String body, long enqueueTime, long due) {
            this.seq = seq;
            this.body = body;
            this.enqueueTime = enqueueTime;
            this.due = due;
        }
    }

    record Received(long seq, String body, int dequeueCount) { }

    private final TreeMap<Long, Msg> msgs = new TreeMap<>();
    private final int visibilitySeconds;
    private long nextSeq;

    ReferenceQueue(int visibilitySeconds) {
        this.visibilitySeconds = visibilitySeconds;
    }

    long send(String body, int delaySeconds, long now) {
        long seq = nextSeq++;
        msgs.put(seq, new Msg(seq, body, now, now + delaySeconds * 1000L));
        return seq;
    }

    List<Msg> receive(int max, long now) {
        List<Msg> out = new ArrayList<>();
        for (Msg m : msgs.values()) {
            if (out.size() == max) {
                break;
            }
            if (!m.deleted && m.due <= now && m.lockedUntil <= now) {
                m.lockedUntil = now + visibilitySeconds * 1000L;
                m.dequeueCount++;
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Whether a delete with this handle succeeds: it must be the message's latest handle; on a
     * standard queue it still deletes after the lock expired, until the next receive.
     */
    boolean delete(String handle, long now) {
        for (Msg m : msgs.values()) {
            if (!m.deleted && handle.equals(m.handle)) {
                m.deleted = true;
                m.lockedUntil = 0;
                return true;
            }
        }
        return false;
    }

    void restart() {
        for (Msg m : msgs.values()) {
            m.lockedUntil = 0;
            m.handle = null;
            m.dequeueCount = 0;
        }
    }

    void rewind(long startMillis, long now) {
        for (Msg m : msgs.values()) {
            if (m.enqueueTime >= startMillis && (m.deleted || (m.lockedUntil <= now && m.due <= now))) {
                m.deleted = false;
                m.dequeueCount = 0;
                m.handle = null; // delivered anew: an old handle no longer names it
            }
        }
    }

    void purge() {
        msgs.clear();
    }

    long active(long now) {
        return msgs.values().stream().filter(m -> !m.deleted && m.due <= now && m.lockedUntil <= now).count();
    }

    long inactive(long now) {
        return msgs.values().stream().filter(m -> !m.deleted && m.lockedUntil > now).count();
    }

    long delayed(long now) {
        return msgs.values().stream().filter(m -> !m.deleted && m.due > now).count();
    }

    long deleted() {
        return msgs.values().stream().filter(m -> m.deleted).count();
    }

    /** Handles of messages ever received and not deleted (valid or stale). */
    List<String> knownHandles() {
        return msgs.values().stream().filter(m -> m.handle != null).map(m -> m.handle).toList();
    }
}
