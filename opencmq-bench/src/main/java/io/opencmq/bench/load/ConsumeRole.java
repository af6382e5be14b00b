package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.cmq.CmqResponses;
import io.opencmq.bench.cmq.Nonces;
import io.opencmq.bench.cmq.SignedForm;

import java.util.List;

/**
 * A consumer: (Batch)ReceiveMessage with a long poll, then (Batch)DeleteMessage of everything
 * it got, then the next receive - one request at a time, since each depends on the last.
 * Records how long each message took from the producer's send start (stamped in its body) to
 * its arrival here.
 */
public final class ConsumeRole implements Role {
    /** CMQ's "no message" answer to a receive that found nothing. */
    static final int NO_MESSAGE = 7000;
    private static final int MAX_HANDLE = 256;

    private final SignedForm receive;
    private final int receiveQueueSlot;
    private final SignedForm[] deletes;
    /** Per delete form: the slot of queueName, then those of the handles. */
    private final int[][] deleteSlots;
    private final CmqResponses.MessageVisitor visitor = this::onMessage;
    private final int batch;
    private final QueueCursor queues;
    private final LoadStats stats;
    private final CmqTarget target;
    private final byte[][] handles;
    private final int[] handleLengths;
    private int pending;
    private int deleting;
    private boolean lastWasReceive;
    private byte[] queue;
    private long nowForVisitor;
    private byte[] bodyForVisitor;

    public ConsumeRole(CmqTarget target, List<String> queueNames, int laneIndex, int batch, int waitSeconds, LoadStats stats) {
        this.target = target;
        this.batch = batch;
        this.stats = stats;
        this.queues = new QueueCursor(queueNames, laneIndex);
        if (batch == 1) {
            receive = target.form("ReceiveMessage", List.of("queueName", "pollingWaitSeconds"));
        } else {
            receive = target.form("BatchReceiveMessage", List.of("queueName", "pollingWaitSeconds", "numOfMsg"));
            receive.setConstant("numOfMsg", Integer.toString(batch));
        }
        receive.setConstant("pollingWaitSeconds", Integer.toString(waitSeconds));
        receiveQueueSlot = receive.slot("queueName");
        deletes = new SignedForm[batch + 1];
        deleteSlots = new int[batch + 1][];
        handles = new byte[batch][MAX_HANDLE];
        handleLengths = new int[batch];
    }

    @Override
    public long next(ByteBuf out, long nowNanos) {
        long timestamp = System.currentTimeMillis() / 1000;
        if (pending > 0) {
            SignedForm delete = deleteForm(pending);
            int[] slots = deleteSlots[pending];
            delete.set(slots[0], queue, queue.length);
            for (int i = 0; i < pending; i++) {
                delete.set(slots[i + 1], handles[i], handleLengths[i]);
            }
            delete.encode(Nonces.next(), timestamp, out);
            deleting = pending;
            pending = 0;
            lastWasReceive = false;
            return SENT;
        }
        queue = queues.next();
        receive.set(receiveQueueSlot, queue, queue.length);
        receive.encode(Nonces.next(), timestamp, out);
        lastWasReceive = true;
        return SENT;
    }

    private SignedForm deleteForm(int n) {
        if (deletes[n] == null) {
            if (batch == 1) {
                deletes[n] = target.form("DeleteMessage", List.of("queueName", "receiptHandle"));
            } else {
                String[] params = new String[n + 1];
                params[0] = "queueName";
                for (int i = 1; i <= n; i++) {
                    params[i] = "receiptHandle." + i;
                }
                deletes[n] = target.form("BatchDeleteMessage", List.of(params));
            }
            int[] slots = new int[n + 1];
            slots[0] = deletes[n].slot("queueName");
            for (int i = 1; i <= n; i++) {
                slots[i] = deletes[n].slot(batch == 1 ? "receiptHandle" : "receiptHandle." + i);
            }
            deleteSlots[n] = slots;
        }
        return deletes[n];
    }

    @Override
    public void onResponse(int status, byte[] body, int length, long sentNanos, long nowNanos) {
        if (status != 200) {
            stats.error(LaneErrors.HTTP_BASE + status);
            return;
        }
        int code = CmqResponses.code(body, length);
        if (!lastWasReceive) {
            if (code == 0) {
                stats.deleted.add(deleting);
            } else {
                stats.error(code);
            }
            return;
        }
        if (code == NO_MESSAGE) {
            stats.emptyReceives.increment();
            return;
        }
        if (code != 0) {
            stats.error(code);
            return;
        }
        nowForVisitor = nowNanos;
        bodyForVisitor = body;
        int n = CmqResponses.forEachMessage(body, length, visitor);
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
