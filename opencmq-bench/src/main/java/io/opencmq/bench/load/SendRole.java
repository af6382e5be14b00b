package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.cmq.CmqResponses;
import io.opencmq.bench.cmq.Nonces;
import io.opencmq.bench.cmq.SignedForm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer: SendMessage (batch 1) or BatchSendMessage with {@code batch} bodies, each body
 * stamped with its send-start time, to the next queue of its cursor. Optionally paced by a
 * shared {@link Pacer} and bounded by a shared message budget.
 */
public final class SendRole implements Role {
    private final SignedForm form;
    private final int queueSlot;
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
    public SendRole(CmqTarget target, List<String> queueNames, int laneIndex, int batch, int bodySize,
                    Pacer pacer, AtomicLong budget, LoadStats stats, int depth) {
        this.batch = batch;
        this.pacer = pacer;
        this.budget = budget;
        this.stats = stats;
        this.depth = depth;
        this.queues = new QueueCursor(queueNames, laneIndex);
        List<String> params = new ArrayList<>();
        params.add("queueName");
        if (batch == 1) {
            params.add("msgBody");
            form = target.form("SendMessage", params);
        } else {
            for (int i = 1; i <= batch; i++) {
                params.add("msgBody." + i);
            }
            form = target.form("BatchSendMessage", params);
        }
        queueSlot = form.slot("queueName");
        bodies = new byte[batch][];
        for (int i = 0; i < batch; i++) {
            bodies[i] = BodyStamp.newBody(bodySize);
            form.set(form.slot(batch == 1 ? "msgBody" : "msgBody." + (i + 1)), bodies[i], bodies[i].length);
        }
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
        byte[] queue = queues.next();
        form.set(queueSlot, queue, queue.length);
        form.encode(Nonces.next(), System.currentTimeMillis() / 1000, out);
        return SENT;
    }

    @Override
    public void onResponse(int status, byte[] body, int length, long sentNanos, long nowNanos) {
        if (status != 200) {
            stats.error(LaneErrors.HTTP_BASE + status);
            return;
        }
        int code = CmqResponses.code(body, length);
        if (code == 0) {
            stats.sent.add(batch);
        } else {
            stats.error(code);
        }
    }

    @Override
    public int maxDepth() {
        return depth;
    }
}
