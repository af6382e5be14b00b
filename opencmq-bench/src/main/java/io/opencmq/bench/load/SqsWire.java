package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.http.JsonScan;
import io.opencmq.bench.sqs.FifoFields;
import io.opencmq.bench.sqs.JsonBody;
import io.opencmq.bench.sqs.SigV4Signer;
import io.opencmq.bench.sqs.SqsRequest;
import io.opencmq.bench.sqs.SqsResponses;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The SQS API in the AWS JSON 1.0 protocol, as current AWS SDKs speak it: SendMessage /
 * SendMessageBatch, ReceiveMessage, DeleteMessage / DeleteMessageBatch, each a signed
 * {@link SqsRequest} with a JSON body naming the queue by its URL
 * ({@code http://host:port/000000000000/<queue>}). The key pair is the CMQ one (access key id =
 * SecretId, secret = SecretKey), as the server's SQS front checks it.
 *
 * <p>With {@code fifoGroups > 0} the queues are FIFO queues: every message sent carries a
 * MessageGroupId and a MessageDeduplicationId ({@link FifoFields}); receives and deletes are the same.
 *
 * <p>A refused request counts as {@code HTTP_BASE + status}; a batch answer with failed entries
 * as {@link Wire#BATCH_ENTRY_FAILED}. The first answer of each kind of error is printed once
 * (to stderr), since an SQS error's status alone rarely says what went wrong.
 */
public record SqsWire(Endpoint endpoint, String accessKeyId, String secretKey, int fifoGroups) implements Wire {
    /** The account id of the server's queue URLs (SqsApiOptions' default); the server reads only the queue name. */
    public static final String ACCOUNT_ID = "000000000000";
    /** Any region is accepted by the server; this is the AWS SDKs' usual default. */
    public static final String REGION = "us-east-1";
    private static final String SERVICE = "sqs";
    private static final int MAX_WAIT_SECONDS = 20;
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private static final byte[] QUEUE_URL = ascii("{\"QueueUrl\":");
    private static final byte[] MESSAGE_BODY = ascii(",\"MessageBody\":");
    private static final byte[] ENTRIES = ascii(",\"Entries\":[");
    private static final byte[] ENTRY_ID = ascii("{\"Id\":\"");
    private static final byte[] ENTRY_BODY = ascii("\",\"MessageBody\":");
    private static final byte[] ENTRY_HANDLE = ascii("\",\"ReceiptHandle\":");
    private static final byte[] RECEIPT_HANDLE = ascii(",\"ReceiptHandle\":");
    private static final byte[] ENTRY_END = ascii("}");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] ARRAY_END = ascii("]}");
    private static final byte[] OBJECT_END = ascii("}");

    /** Standard queues. */
    public SqsWire(Endpoint endpoint, String accessKeyId, String secretKey) {
        this(endpoint, accessKeyId, secretKey, 0);
    }

    @Override
    public Wire at(Endpoint other) {
        return new SqsWire(other, accessKeyId, secretKey, fifoGroups);
    }

    @Override
    public String protocol() {
        return "sqs";
    }

    @Override
    public int maxWaitSeconds() {
        return MAX_WAIT_SECONDS;
    }

    /** The queue URL prefix; the queue name follows. */
    String queueUrlBase() {
        return "http://" + endpoint.hostHeader() + "/" + ACCOUNT_ID + "/";
    }

    @Override
    public Producer producer(int batch, byte[][] bodies) {
        return new SqsProducer(this, batch, bodies);
    }

    @Override
    public Consumer consumer(int batch, int waitSeconds) {
        return new SqsConsumer(this, batch, waitSeconds);
    }

    /** Per connection: the signer its requests share, the queue URLs as JSON strings, the body buffer. */
    private static class Connection {
        final SqsWire wire;
        final SigV4Signer signer;
        final JsonBody json = new JsonBody();
        private final byte[] urlBase;
        private byte[] lastQueue;
        private byte[] lastUrl;
        int error;

        Connection(SqsWire wire) {
            this.wire = wire;
            this.signer = new SigV4Signer(wire.secretKey(), REGION, SERVICE);
            this.urlBase = wire.queueUrlBase().getBytes(StandardCharsets.UTF_8);
        }

        SqsRequest request(String action) {
            return new SqsRequest(signer, wire.endpoint().hostHeader(), wire.accessKeyId(), action);
        }

        /** {"QueueUrl":"http://.../<queue>" - cached for the last queue (most runs use one). */
        void startWithQueue(byte[] queue) {
            if (queue != lastQueue) {
                byte[] url = new byte[urlBase.length + queue.length];
                System.arraycopy(urlBase, 0, url, 0, urlBase.length);
                System.arraycopy(queue, 0, url, urlBase.length, queue.length);
                lastUrl = new JsonBody().string(url, 0, url.length).toString().getBytes(StandardCharsets.UTF_8);
                lastQueue = queue;
            }
            json.reset().raw(QUEUE_URL).raw(lastUrl);
        }

        void send(SqsRequest request, ByteBuf out) {
            request.encode(json.bytes(), json.length(), System.currentTimeMillis(), out);
        }

        /** Messages a (batch) answer confirms out of {@code n}, recording why the rest failed. */
        int succeeded(int status, byte[] body, int length, int n) {
            if (status != 200) {
                fail(LaneErrors.HTTP_BASE + status, status, body, length);
                return 0;
            }
            int failed = n > 1 ? SqsResponses.failedEntries(body, length) : 0;
            if (failed > 0) {
                fail(BATCH_ENTRY_FAILED, status, body, length);
            }
            return n - Math.min(n, failed);
        }

        void fail(int code, int status, byte[] body, int length) {
            error = code;
            String line = SqsResponses.describeError(status, body, length);
            if (REPORTED.size() < 16 && REPORTED.add(line.length() > 80 ? line.substring(0, 80) : line)) {
                System.err.println("bench: sqs " + line);
            }
        }
    }

    private static final class SqsProducer extends Connection implements Producer {
        private final int batch;
        private final byte[][] bodies;
        private final byte[][] entryIds;
        private final SqsRequest request;
        /** Null for a standard queue. */
        private final FifoFields fifo;

        SqsProducer(SqsWire wire, int batch, byte[][] bodies) {
            super(wire);
            this.batch = batch;
            this.bodies = bodies;
            this.fifo = wire.fifoGroups() > 0 ? new FifoFields(wire.fifoGroups()) : null;
            this.request = request(batch == 1 ? "SendMessage" : "SendMessageBatch");
            this.entryIds = new byte[batch][];
            for (int i = 0; i < batch; i++) {
                entryIds[i] = ascii(Integer.toString(i + 1));
            }
        }

        @Override
        public void encode(byte[] queue, ByteBuf out) {
            startWithQueue(queue);
            long number = fifo != null ? fifo.claim(batch) : 0;
            if (batch == 1) {
                json.raw(MESSAGE_BODY).string(bodies[0], 0, bodies[0].length);
                appendFifo(number);
                json.raw(OBJECT_END);
            } else {
                json.raw(ENTRIES);
                for (int i = 0; i < batch; i++) {
                    if (i > 0) {
                        json.raw(COMMA);
                    }
                    json.raw(ENTRY_ID).raw(entryIds[i]).raw(ENTRY_BODY).string(bodies[i], 0, bodies[i].length);
                    appendFifo(number + i);
                    json.raw(ENTRY_END);
                }
                json.raw(ARRAY_END);
            }
            send(request, out);
        }

        private void appendFifo(long number) {
            if (fifo != null) {
                fifo.append(json, number);
            }
        }

        @Override
        public int accepted(int status, byte[] body, int length) {
            return succeeded(status, body, length, batch);
        }

        @Override
        public int errorCode() {
            return error;
        }
    }

    private static final class SqsConsumer extends Connection implements Consumer {
        private final SqsRequest receive;
        private final SqsRequest deleteOne;
        private final SqsRequest deleteBatch;
        private final byte[] receiveTail;
        private final byte[][] entryIds;

        SqsConsumer(SqsWire wire, int batch, int waitSeconds) {
            super(wire);
            this.receive = request("ReceiveMessage");
            this.deleteOne = request("DeleteMessage");
            this.deleteBatch = batch > 1 ? request("DeleteMessageBatch") : null;
            this.receiveTail = ascii(",\"MaxNumberOfMessages\":" + batch + ",\"WaitTimeSeconds\":" + waitSeconds + "}");
            this.entryIds = new byte[batch][];
            for (int i = 0; i < batch; i++) {
                entryIds[i] = ascii(Integer.toString(i + 1));
            }
        }

        @Override
        public void encodeReceive(byte[] queue, ByteBuf out) {
            startWithQueue(queue);
            json.raw(receiveTail);
            send(receive, out);
        }

        @Override
        public int received(int status, byte[] body, int length, JsonScan.MessageVisitor visitor) {
            if (status != 200) {
                fail(LaneErrors.HTTP_BASE + status, status, body, length);
                return -1;
            }
            return SqsResponses.forEachMessage(body, length, visitor);
        }

        @Override
        public void encodeDelete(byte[] queue, byte[][] handles, int[] handleLengths, int n, ByteBuf out) {
            startWithQueue(queue);
            if (n == 1) {
                json.raw(RECEIPT_HANDLE).string(handles[0], 0, handleLengths[0]).raw(OBJECT_END);
                send(deleteOne, out);
                return;
            }
            json.raw(ENTRIES);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    json.raw(COMMA);
                }
                json.raw(ENTRY_ID).raw(entryIds[i]).raw(ENTRY_HANDLE).string(handles[i], 0, handleLengths[i]).raw(ENTRY_END);
            }
            json.raw(ARRAY_END);
            send(deleteBatch, out);
        }

        @Override
        public int deleted(int status, byte[] body, int length, int n) {
            return succeeded(status, body, length, n);
        }

        @Override
        public int errorCode() {
            return error;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
