package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.bench.cmq.CmqAdmin;
import io.opencmq.bench.cmq.CmqSigner;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.sqs.SqsAdmin;
import io.opencmq.core.auth.Credentials;
import io.opencmq.server.OpencmqServer;
import io.opencmq.server.ServerConfig;
import io.opencmq.store.FsyncPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQS producer and consumer of the generator against a real server, one request at a time. */
@Timeout(60)
class SqsWireTest {
    private static final Credentials CREDENTIALS = new Credentials("AKIDbenchtest", "bench-test-secret");
    private static final byte[] QUEUE = "sqs-wire-test".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    private static OpencmqServer server;
    private static Endpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        server = OpencmqServer.start(ServerConfig.defaults(dir).withBindAddress("127.0.0.1").withPort(0)
                .withCredentials(CREDENTIALS).withFsyncPolicy(FsyncPolicy.NEVER));
        endpoint = Endpoint.parse(server.endpoint());
        new CmqAdmin(endpoint, CREDENTIALS.secretId(), CREDENTIALS.secretKey(), CmqSigner.SignatureMethod.HmacSHA256)
                .require("CreateQueue", Map.of("queueName", "sqs-wire-test"), 4460);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsReceivesAndDeletesInBatchesAndOneByOne() throws Exception {
        Wire wire = new SqsWire(endpoint, CREDENTIALS.secretId(), CREDENTIALS.secretKey());
        byte[][] bodies = {BodyStamp.newBody(100), BodyStamp.newBody(100), BodyStamp.newBody(100)};
        BodyStamp.stamp(bodies[0], 1);
        BodyStamp.stamp(bodies[1], 2);
        BodyStamp.stamp(bodies[2], 3);
        byte[][] single = {BodyStamp.newBody(20)};
        BodyStamp.stamp(single[0], 4);

        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            Wire.Producer batch = wire.producer(3, bodies);
            assertThat(exchange(socket, out -> batch.encode(QUEUE, out), batch::accepted)).isEqualTo(3);
            Wire.Producer one = wire.producer(1, single);
            assertThat(exchange(socket, out -> one.encode(QUEUE, out), one::accepted)).isEqualTo(1);

            Wire.Consumer consumer = wire.consumer(10, 1);
            List<Long> stamps = new ArrayList<>();
            byte[][] handles = new byte[10][];
            int[] lengths = new int[10];
            int received = 0;
            for (int attempt = 0; attempt < 5 && received < 4; attempt++) {
                int[] got = new int[1];
                exchange(socket, out -> consumer.encodeReceive(QUEUE, out), (status, body, length) -> {
                    got[0] = consumer.received(status, body, length, (i, h, hl, b, bl) -> {
                        stamps.add(BodyStamp.read(body, b, bl));
                        handles[stamps.size() - 1] = java.util.Arrays.copyOfRange(body, h, h + hl);
                        lengths[stamps.size() - 1] = hl;
                    });
                    return got[0];
                });
                assertThat(got[0]).isGreaterThanOrEqualTo(0);
                received += got[0];
            }
            assertThat(stamps).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);

            int n = received;
            assertThat(exchange(socket, out -> consumer.encodeDelete(QUEUE, handles, lengths, n, out),
                    (status, body, length) -> consumer.deleted(status, body, length, n))).isEqualTo(4);
            assertThat(exchange(socket, out -> consumer.encodeReceive(QUEUE, out),
                    (status, body, length) -> consumer.received(status, body, length, (i, h, hl, b, bl) -> { }))).isZero();

            byte[][] bogus = {"not-a-handle".getBytes(StandardCharsets.US_ASCII), "neither".getBytes(StandardCharsets.US_ASCII)};
            int[] bogusLengths = {bogus[0].length, bogus[1].length};
            assertThat(exchange(socket, out -> consumer.encodeDelete(QUEUE, bogus, bogusLengths, 2, out),
                    (status, body, length) -> consumer.deleted(status, body, length, 2))).isZero();
            assertThat(consumer.errorCode()).isEqualTo(Wire.BATCH_ENTRY_FAILED);

            Wire.Producer wrongKey = new SqsWire(endpoint, CREDENTIALS.secretId(), "not-the-secret").producer(1, single);
            assertThat(exchange(socket, out -> wrongKey.encode(QUEUE, out), wrongKey::accepted)).isZero();
            assertThat(wrongKey.errorCode()).isEqualTo(LaneErrors.HTTP_BASE + 403);
        }
    }

    @Test
    void fifoSendsCarryGroupsAndIdsAndOneGroupComesInOrder() throws Exception {
        byte[] queue = "sqs-wire-test.fifo".getBytes(StandardCharsets.US_ASCII);
        SqsAdmin admin = new SqsAdmin(endpoint, CREDENTIALS.secretId(), CREDENTIALS.secretKey(), SqsWire.REGION);
        admin.createFifoQueue("sqs-wire-test.fifo");
        admin.createFifoQueue("sqs-wire-test.fifo");   // a second create of the same queue is fine

        Wire wire = new SqsWire(endpoint, CREDENTIALS.secretId(), CREDENTIALS.secretKey(), 1);
        byte[][] bodies = {BodyStamp.newBody(100), BodyStamp.newBody(100), BodyStamp.newBody(100)};
        byte[][] single = {BodyStamp.newBody(20)};
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            // Without group and deduplication ids the server would refuse every entry.
            Wire.Producer batch = wire.producer(3, bodies);
            Wire.Producer one = wire.producer(1, single);
            for (int round = 0; round < 2; round++) {   // equal bodies, new ids: nothing is taken for a duplicate
                for (int i = 0; i < 3; i++) {
                    BodyStamp.stamp(bodies[i], 1 + 4 * round + i);
                }
                BodyStamp.stamp(single[0], 4 + 4 * round);
                assertThat(exchange(socket, out -> batch.encode(queue, out), batch::accepted)).isEqualTo(3);
                assertThat(exchange(socket, out -> one.encode(queue, out), one::accepted)).isEqualTo(1);
            }

            // One group: all eight in one answer, in send order, and nothing more while they are in flight.
            Wire.Consumer consumer = wire.consumer(10, 1);
            List<Long> stamps = new ArrayList<>();
            byte[][] handles = new byte[10][];
            int[] lengths = new int[10];
            int n = exchange(socket, out -> consumer.encodeReceive(queue, out), (status, body, length) ->
                    consumer.received(status, body, length, (i, h, hl, b, bl) -> {
                        stamps.add(BodyStamp.read(body, b, bl));
                        handles[i] = java.util.Arrays.copyOfRange(body, h, h + hl);
                        lengths[i] = hl;
                    }));
            assertThat(stamps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(exchange(socket, out -> consumer.encodeReceive(queue, out),
                    (status, body, length) -> consumer.received(status, body, length, (i, h, hl, b, bl) -> { }))).isZero();
            assertThat(exchange(socket, out -> consumer.encodeDelete(queue, handles, lengths, n, out),
                    (status, body, length) -> consumer.deleted(status, body, length, n))).isEqualTo(8);
        }
    }

    private interface Encoder {
        void encode(ByteBuf out);
    }

    private interface Reader {
        int read(int status, byte[] body, int length);
    }

    /** Writes one request and reads its answer (status line, Content-Length, body). */
    private static int exchange(Socket socket, Encoder encoder, Reader reader) throws IOException {
        ByteBuf out = Unpooled.buffer();
        encoder.encode(out);
        byte[] request = new byte[out.readableBytes()];
        out.readBytes(request);
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();

        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int k = h.length;
            if (k >= 4 && h[k - 4] == '\r' && h[k - 3] == '\n' && h[k - 2] == '\r' && h[k - 1] == '\n') {
                break;
            }
        }
        String header = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(header.substring(9, 12));
        int length = 0;
        for (String line : header.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return reader.read(status, body, body.length);
    }
}
