package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.http.JsonScan;

import java.util.List;

/**
 * A consumer: a long-poll receive of up to {@code batch} messages, then a delete of everything
 * it got, then the next receive - one request at a time, since each depends on the last - in
 * the {@link Wire}'s protocol. Records how long each message took from the producer's send
 * start (stamped in its body) to its arrival here.
 */
public final class ConsumeRole implements Role {
    private static final int MAX_HANDLE = 1024;

    private final Wire.Consumer consumer;
    private final JsonScan.MessageVisitor visitor = this::onMessage;
    private final int batch;
    private final QueueCursor queues;
    private final LoadStats stats;
    private final byte[][] handles;
    private final int[] handleLengths;
    private int pending;
    private int deleting;
    private boolean lastWasReceive;
    private byte[] queue;
    private long nowForVisitor;
    private byte[] bodyForVisitor;

    public ConsumeRole(Wire wire, List<String> queueNames, int laneIndex, int batch, int waitSeconds, LoadStats stats) {
        this.batch = batch;
        this.stats = stats;
        this.queues = new QueueCursor(queueNames, laneIndex);
        this.consumer = wire.consumer(batch, waitSeconds);
        handles = new byte[batch][MAX_HANDLE];
        handleLengths = new int[batch];
    }

    @Override
    public long next(ByteBuf out, long nowNanos) {
        if (pending > 0) {
            consumer.encodeDelete(queue, handles, handleLengths, pending, out);
            deleting = pending;
            pending = 0;
            lastWasReceive = false;
            return SENT;
        }
        queue = queues.next();
        consumer.encodeReceive(queue, out);
        lastWasReceive = true;
        return SENT;
    }

    @Override
    public void onResponse(int status, byte[] body, int length, long sentNanos, long nowNanos) {
        if (!lastWasReceive) {
            int n = consumer.deleted(status, body, length, deleting);
            if (n > 0) {
                stats.deleted.add(n);
            }
            if (n < deleting) {
                stats.error(consumer.errorCode());
            }
            return;
        }
        nowForVisitor = nowNanos;
        bodyForVisitor = body;
        int n = consumer.received(status, body, length, visitor);
        if (n < 0) {
            stats.error(consumer.errorCode());
            return;
        }
        if (n == 0) {
            stats.emptyReceives.increment();
            return;
        }
        stats.received.add(n);
        pending = Math.min(n, batch);
    }

    private void onMessage(int index, int handleOffset, int handleLength, int bodyOffset, int bodyLength) {
        if (index < batch && handleLength > 0 && handleLength <= MAX_HANDLE) {
            System.arraycopy(bodyForVisitor, handleOffset, handles[index], 0, handleLength);
            handleLengths[index] = handleLength;
        }
        long stamp = BodyStamp.read(bodyForVisitor, bodyOffset, bodyLength);
        if (stamp >= 0) {
            stats.endToEnd(nowForVisitor - stamp);
        }
    }

    @Override
    public int maxDepth() {
        return 1;
    }
}
