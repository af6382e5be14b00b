package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.cmq.CmqResponses;
import io.opencmq.bench.cmq.CmqSigner;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.cmq.Nonces;
import io.opencmq.bench.cmq.SignedForm;
import io.opencmq.bench.http.JsonScan;

import java.util.ArrayList;
import java.util.List;

/**
 * The CMQ API as the load generator speaks it: signed form POSTs to {@code /v2/index.php}
 * ({@link SignedForm}), answers read by {@link CmqResponses}. Every request takes the next
 * process-wide Nonce: the server refuses a signature it has seen.
 */
public record CmqWire(Endpoint endpoint, String secretId, String secretKey, CmqSigner.SignatureMethod signatureMethod)
        implements Wire {
    /** CMQ's "no message" answer to a receive that found nothing. */
    static final int NO_MESSAGE = 7000;
    private static final int MAX_WAIT_SECONDS = 30;

    @Override
    public Wire at(Endpoint other) {
        return new CmqWire(other, secretId, secretKey, signatureMethod);
    }

    @Override
    public String protocol() {
        return "cmq";
    }

    @Override
    public int maxWaitSeconds() {
        return MAX_WAIT_SECONDS;
    }

    /** A fresh encoder (with its own MAC) for one connection and one action. */
    SignedForm form(String action, List<String> params) {
        return new SignedForm(new CmqSigner(secretKey, signatureMethod), endpoint.hostHeader(), secretId, action, params);
    }

    static long timestamp() {
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public Producer producer(int batch, byte[][] bodies) {
        List<String> params = new ArrayList<>();
        params.add("queueName");
        SignedForm form;
        if (batch == 1) {
            params.add("msgBody");
            form = form("SendMessage", params);
        } else {
            for (int i = 1; i <= batch; i++) {
                params.add("msgBody." + i);
            }
            form = form("BatchSendMessage", params);
        }
        for (int i = 0; i < batch; i++) {
            form.set(form.slot(batch == 1 ? "msgBody" : "msgBody." + (i + 1)), bodies[i], bodies[i].length);
        }
        int queueSlot = form.slot("queueName");
        return new Producer() {
            private int error;

            @Override
            public void encode(byte[] queue, ByteBuf out) {
                form.set(queueSlot, queue, queue.length);
                form.encode(Nonces.next(), timestamp(), out);
            }

            @Override
            public int accepted(int status, byte[] body, int length) {
                int code = status != 200 ? LaneErrors.HTTP_BASE + status : CmqResponses.code(body, length);
                if (code == 0) {
                    return batch;
                }
                error = code;
                return 0;
            }

            @Override
            public int errorCode() {
                return error;
            }
        };
    }

    @Override
    public Consumer consumer(int batch, int waitSeconds) {
        return new CmqConsumer(batch, waitSeconds);
    }

    /** (Batch)ReceiveMessage and (Batch)DeleteMessage forms; a delete form per handle count, made on first use. */
    private final class CmqConsumer implements Consumer {
        private final int batch;
        private final SignedForm receive;
        private final int receiveQueueSlot;
        private final SignedForm[] deletes;
        /** Per delete form: the slot of queueName, then those of the handles. */
        private final int[][] deleteSlots;
        private int error;

        CmqConsumer(int batch, int waitSeconds) {
            this.batch = batch;
            if (batch == 1) {
                receive = form("ReceiveMessage", List.of("queueName", "pollingWaitSeconds"));
            } else {
                receive = form("BatchReceiveMessage", List.of("queueName", "pollingWaitSeconds", "numOfMsg"));
                receive.setConstant("numOfMsg", Integer.toString(batch));
            }
            receive.setConstant("pollingWaitSeconds", Integer.toString(waitSeconds));
            receiveQueueSlot = receive.slot("queueName");
            deletes = new SignedForm[batch + 1];
            deleteSlots = new int[batch + 1][];
        }

        @Override
        public void encodeReceive(byte[] queue, ByteBuf out) {
            receive.set(receiveQueueSlot, queue, queue.length);
            receive.encode(Nonces.next(), timestamp(), out);
        }

        @Override
        public int received(int status, byte[] body, int length, JsonScan.MessageVisitor visitor) {
            int code = status != 200 ? LaneErrors.HTTP_BASE + status : CmqResponses.code(body, length);
            if (code == NO_MESSAGE) {
                return 0;
            }
            if (code != 0) {
                error = code;
                return -1;
            }
            return CmqResponses.forEachMessage(body, length, visitor);
        }

        @Override
        public void encodeDelete(byte[] queue, byte[][] handles, int[] handleLengths, int n, ByteBuf out) {
            SignedForm delete = deleteForm(n);
            int[] slots = deleteSlots[n];
            delete.set(slots[0], queue, queue.length);
            for (int i = 0; i < n; i++) {
                delete.set(slots[i + 1], handles[i], handleLengths[i]);
            }
            delete.encode(Nonces.next(), timestamp(), out);
        }

        @Override
        public int deleted(int status, byte[] body, int length, int n) {
            int code = status != 200 ? LaneErrors.HTTP_BASE + status : CmqResponses.code(body, length);
            if (code == 0) {
                return n;
            }
            error = code;
            return 0;
        }

        @Override
        public int errorCode() {
            return error;
        }

        private SignedForm deleteForm(int n) {
            if (deletes[n] == null) {
                if (batch == 1) {
                    deletes[n] = form("DeleteMessage", List.of("queueName", "receiptHandle"));
                } else {
                    String[] params = new String[n + 1];
                    params[0] = "queueName";
                    for (int i = 1; i <= n; i++) {
                        params[i] = "receiptHandle." + i;
                    }
                    deletes[n] = form("BatchDeleteMessage", List.of(params));
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
    }
}
