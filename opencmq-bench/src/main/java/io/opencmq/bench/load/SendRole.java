package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer: one message per request (batch 1) or a batch of {@code batch} bodies, each body
 * stamped with its send-start time, to the next queue of its cursor, in the {@link Wire}'s
 * protocol. Optionally paced by a shared {@link Pacer} and bounded by a shared message budget.
 */
public final class SendRole implements Role {
    private final Wire.Producer producer;
    private final byte[][] bodies;
    private final QueueCursor queues;
    private final int batch;
    private final Pacer pacer;
    private final AtomicLong budget;
    private final LoadStats stats;
    private final int depth;
    private long dueNanos = Long.MIN_VALUE;

    /**
     * @param pacer null for as fast as possible
     * @param budget messages left to send, shared by the producers of a run; null for unbounded
     */
    public SendRole(Wire wire, List<String> queueNames, int laneIndex, int batch, int bodySize,
                    Pacer pacer, AtomicLong budget, LoadStats stats, int depth) {
        this.batch = batch;
        this.pacer = pacer;
        this.budget = budget;
        this.stats = stats;
        this.depth = depth;
        this.queues = new QueueCursor(queueNames, laneIndex);
        bodies = new byte[batch][];
        for (int i = 0; i < batch; i++) {
            bodies[i] = BodyStamp.newBody(bodySize);
        }
        producer = wire.producer(batch, bodies);
    }

    @Override
    public long next(ByteBuf out, long nowNanos) {
        if (pacer != null) {
            if (dueNanos == Long.MIN_VALUE) {
                dueNanos = pacer.claim(batch);
            }
            if (dueNanos > nowNanos) {
                return dueNanos - nowNanos;
            }
            dueNanos = Long.MIN_VALUE;
        }
        if (budget != null && budget.getAndAdd(-batch) <= 0) {
            return IDLE;
        }
        for (byte[] body : bodies) {
            BodyStamp.stamp(body, nowNanos);
        }
        producer.encode(queues.next(), out);
        return SENT;
    }

    @Override
    public void onResponse(int status, byte[] body, int length, long sentNanos, long nowNanos) {
        int n = producer.accepted(status, body, length);
        if (n > 0) {
            stats.sent.add(n);
        }
        if (n < batch) {
            stats.error(producer.errorCode());
        }
    }

    @Override
    public int maxDepth() {
        return depth;
    }
}
