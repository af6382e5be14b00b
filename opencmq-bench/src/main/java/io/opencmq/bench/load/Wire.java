package io.opencmq.bench.load;

import io.netty.buffer.ByteBuf;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.http.JsonScan;

/**
 * The protocol half of a load lane: how requests are encoded and answers read, for one
 * server and key pair. {@link SendRole} and {@link ConsumeRole} drive the load the same way
 * for every protocol; each connection gets its own {@link Producer} or {@link Consumer}
 * (they own MACs and scratch arrays and run on the connection's event loop only).
 */
public interface Wire {
    /** A code {@link Producer#errorCode()} and {@link Consumer#errorCode()} give for failed batch entries. */
    int BATCH_ENTRY_FAILED = LaneErrors.BATCH_ENTRY_FAILED;

    Endpoint endpoint();

    /** The same protocol and credentials against another server (the raw yardstick). */
    Wire at(Endpoint endpoint);

    /** "cmq" or "sqs". */
    String protocol();

    /** Longest long-poll wait this protocol allows, in seconds. */
    int maxWaitSeconds();

    /**
     * A producer of {@code batch} messages per request (1 = the single-message action). The
     * bodies are referenced, not copied: the caller stamps them before each {@link Producer#encode}.
     */
    Producer producer(int batch, byte[][] bodies);

    /** A consumer receiving up to {@code batch} messages per long poll of {@code waitSeconds}. */
    Consumer consumer(int batch, int waitSeconds);

    interface Producer {
        void encode(byte[] queue, ByteBuf out);

        /** Messages the server took from the answer; when fewer than sent, {@link #errorCode()} says why. */
        int accepted(int status, byte[] body, int length);

        /** The error of the last answer that was not a full success. */
        int errorCode();
    }

    interface Consumer {
        void encodeReceive(byte[] queue, ByteBuf out);

        /**
         * Reads a receive answer: the number of messages (each passed to {@code visitor}), 0 for
         * an answer without messages, or -1 for an error ({@link #errorCode()}).
         */
        int received(int status, byte[] body, int length, JsonScan.MessageVisitor visitor);

        /** A delete of the first {@code n} receipt handles. */
        void encodeDelete(byte[] queue, byte[][] handles, int[] handleLengths, int n, ByteBuf out);

        /** Messages the delete answer confirms out of {@code n}; when fewer, {@link #errorCode()} says why. */
        int deleted(int status, byte[] body, int length, int n);

        int errorCode();
    }
}
