package io.opencmq.bench.sqs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opencmq.bench.cmq.Endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The slow path of the SQS side, for the one set-up step the CMQ API cannot do: creating a
 * FIFO queue (CMQ has no FifoQueue attribute and refuses {@code .fifo} names). Purging and
 * inspecting such a queue still go through CMQ, which reaches queues of any name. One signed
 * request per call on a fresh socket, never while load is measured. Thread-safe (a new signer
 * per call).
 */
public final class SqsAdmin {
    private static final int TIMEOUT_MILLIS = 60_000;

    private final Endpoint endpoint;
    private final String accessKeyId;
    private final String secretKey;
    private final String region;

    public SqsAdmin(Endpoint endpoint, String accessKeyId, String secretKey, String region) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.region = region;
    }

    /**
     * Creates FIFO queue {@code name} (which must end in {@code .fifo}) with default attributes.
     * An existing FIFO queue of that name is fine: SQS's CreateQueue is idempotent for equal attributes.
     */
    public void createFifoQueue(String name) throws IOException {
        String json = createFifoQueueBody(name);
        Answer a = call("CreateQueue", json.getBytes(StandardCharsets.UTF_8));
        if (a.status() != 200) {
            throw new IOException("CreateQueue " + name + " failed: " + a.status() + " " + a.body());
        }
    }

    /** The CreateQueue body of a FIFO queue; explicit deduplication ids, so ContentBasedDeduplication stays off. */
    static String createFifoQueueBody(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return "{\"QueueName\":" + new JsonBody().string(utf8, 0, utf8.length) + ",\"Attributes\":{\"FifoQueue\":\"true\"}}";
    }

    record Answer(int status, String body) { }

    private Answer call(String action, byte[] json) throws IOException {
        SqsRequest request = new SqsRequest(new SigV4Signer(secretKey, region, "sqs"), endpoint.hostHeader(), accessKeyId, action);
        ByteBuf buf = Unpooled.buffer();
        request.encode(json, json.length, System.currentTimeMillis(), buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Status line, headers up to the blank line, then Content-Length bytes of body. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's headers ended");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String header = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(header.substring(9, 12));
        int length = 0;
        for (String line : header.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
