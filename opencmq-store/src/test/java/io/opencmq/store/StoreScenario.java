package io.opencmq.store;

import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.Mutation.DeleteAckChunks;
import io.opencmq.core.spi.Mutation.DeleteDelaysThrough;
import io.opencmq.core.spi.Mutation.DeleteMessages;
import io.opencmq.core.spi.Mutation.DropQueue;
import io.opencmq.core.spi.Mutation.PutAckChunk;
import io.opencmq.core.spi.Mutation.PutDelay;
import io.opencmq.core.spi.Mutation.PutMessage;
import io.opencmq.core.spi.Mutation.PutNodeValue;
import io.opencmq.core.spi.Mutation.PutQueueMeta;
import io.opencmq.core.spi.StoredMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * One scripted life of a store — every mutation kind, the edge cases of every read, and a
 * reopen in the middle — written down as a transcript of everything read back. Two stores with
 * the same semantics produce the same transcript.
 */
final class StoreScenario {

    /** Adjacent ids, so a range that leaks into the neighbouring queue shows up. */
    static final long Q1 = 1;
    static final long Q2 = 2;
    static final long Q3 = 3;
    /** The largest id: its exclusive upper bound wraps to Long.MIN_VALUE. */
    static final long QMAX = Long.MAX_VALUE;

    private final List<String> transcript = new ArrayList<>();
    private MessageStore store;

    private StoreScenario(MessageStore store) {
        this.store = store;
    }

    /**
     * Runs the scenario; {@code reopen} closes the store and returns it opened again (the
     * memory store returns itself).
     */
    static List<String> run(MessageStore store, UnaryOperator<MessageStore> reopen) {
        StoreScenario s = new StoreScenario(store);
        s.writeEverything();
        s.readEverything("before reopen");
        s.store = reopen.apply(s.store);
        s.readEverything("after reopen");
        s.deleteAndDrop();
        s.readEverything("after deletes");
        s.store = reopen.apply(s.store);
        s.readEverything("after deletes and reopen");
        return s.transcript;
    }

    private void write(Mutation... mutations) {
        store.write(List.of(mutations)).join();
    }

    private void writeEverything() {
        write(new PutNodeValue("nextQueueId", bytes("4")), new PutNodeValue("ünïcode", bytes("u")));
        write(new PutNodeValue("nextQueueId", bytes("5")));
        write(new PutNodeValue("topic/1", bytes("t1")), new PutNodeValue("topic/2", bytes("t2")),
                new PutNodeValue("topic/3", bytes("t3")), new PutNodeValue("topics", bytes("not-a-topic")),
                new PutNodeValue("sub/1", bytes("s1")));
        write(new Mutation.DeleteNodeValue("topic/2"), new Mutation.DeleteNodeValue("never-written"));
        for (long q : new long[] {Q1, Q2, Q3, QMAX}) {
            write(new PutQueueMeta(q, bytes("meta-" + q)));
        }
        write(new PutQueueMeta(Q3, bytes("meta-3-v2")));
        for (long seq = 0; seq < 50; seq++) {
            write(message(Q1, seq));
        }
        List<Mutation> batch = new ArrayList<>();
        for (long seq = 100; seq < 110; seq++) {
            batch.add(message(Q2, seq));
            batch.add(message(Q3, seq * 2));
        }
        store.write(batch).join();
        write(message(QMAX, 0), message(QMAX, Long.MAX_VALUE - 1), message(QMAX, Long.MAX_VALUE));
        write(new PutMessage(Q1, 60, 7, 9, new byte[0]));
        for (long q : new long[] {Q1, Q2, QMAX}) {
            write(new PutAckChunk(q, 0, bits(1)), new PutAckChunk(q, 1, bits(2)), new PutAckChunk(q, 5, bits(3)));
        }
        write(new PutAckChunk(Q1, 1, bits(-1)));
        for (long q : new long[] {Q1, Q2, Q3}) {
            write(new PutDelay(q, 100, 3), new PutDelay(q, 100, 1), new PutDelay(q, 50, 7), new PutDelay(q, 200, 2),
                    new PutDelay(q, Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    private void deleteAndDrop() {
        write(new DeleteMessages(Q1, 0, 10), new DeleteMessages(Q1, 20, 20), new DeleteMessages(Q1, -5, 2));
        write(new DeleteMessages(Q1, 30, 35));
        write(new DeleteMessages(QMAX, 1, Long.MAX_VALUE));
        write(new DeleteAckChunks(Q1, 0, 2), new DeleteAckChunks(Q1, 7, 7));
        write(new DeleteAckChunks(QMAX, 5, Long.MAX_VALUE));
        write(new DeleteDelaysThrough(Q1, 100, 1));
        write(new DeleteDelaysThrough(Q1, -1, 99));
        write(new DeleteDelaysThrough(Q3, 150, -1));
        write(new DeleteDelaysThrough(Q2, Long.MAX_VALUE, Long.MAX_VALUE));
        write(new DropQueue(Q2));
        // A queue written and dropped in the same batch leaves nothing behind.
        write(new PutQueueMeta(Q2 + 10, bytes("short-lived")), message(Q2 + 10, 1), new DropQueue(Q2 + 10));
    }

    private void readEverything(String phase) {
        note(phase);
        note("node nextQueueId = " + text(store.readNodeValue("nextQueueId")));
        note("node ünïcode = " + text(store.readNodeValue("ünïcode")));
        note("node missing = " + text(store.readNodeValue("missing")));
        Map<String, String> topics = new TreeMap<>();
        store.loadNodeValues("topic/").forEach((k, v) -> topics.put(k, text(v)));
        note("node values topic/ = " + topics);
        note("node values sub/ = " + store.loadNodeValues("sub/").keySet());
        note("node values none/ = " + store.loadNodeValues("none/").keySet());
        Map<Long, String> metas = new TreeMap<>();
        store.loadQueueMetas().forEach((id, meta) -> metas.put(id, text(meta)));
        note("metas = " + metas);
        note("extents = " + new TreeMap<>(store.queueExtents()));
        List<String> allAcks = new java.util.ArrayList<>();
        store.forEachAckChunk((queueId, chunk, bits) -> allAcks.add(queueId + "/" + chunk + ":" + Arrays.toString(bits)));
        note("all ack chunks = " + allAcks);
        for (long q : new long[] {Q1, Q2, Q3, QMAX, 0, 42, Q2 + 10}) {
            readQueue(q);
        }
        note("scan from >= to: " + scan(Q1, 30, 30, 10, s -> false));
        note("scan to <= 0: " + scan(Q1, -10, 0, 10, s -> false));
        note("scan negative from: " + scan(Q1, -10, 15, 3, s -> false));
        note("scan with skip: " + scan(Q1, 0, 100, 100, s -> s % 2 == 0));
        note("scan max 5 skipping odd: " + scan(Q1, 0, 100, 5, s -> s % 2 == 1));
        note("scan max 0: " + scan(Q1, 0, 100, 0, s -> false));
        note("scan all skipped: " + scan(Q1, 0, 100, 3, s -> true));
        note("scan past the end: " + scan(Q1, 61, 1000, 10, s -> false));
        note("scan max end: " + scan(QMAX, 0, Long.MAX_VALUE, 10, s -> false));
        note("delays after (100,1) max 2: " + delays(Q1, 100, 1, 2));
        note("delays after (100,-1): " + delays(Q1, 100, -1, 10));
        note("delays after (50,7): " + delays(Q3, 50, 7, 10));
        note("delays after (max,max): " + delays(Q3, Long.MAX_VALUE, Long.MAX_VALUE, 10));
        note("delays max 0: " + delays(Q3, -1, -1, 0));
        for (long seq : new long[] {0, 5, 10, 31, 49, 60, 61, -1}) {
            note("read Q1 " + seq + " = " + describe(store.readMessage(Q1, seq)));
        }
        note("read QMAX max = " + describe(store.readMessage(QMAX, Long.MAX_VALUE)));
    }

    private void readQueue(long q) {
        note("queue " + q + " first=" + store.firstSeq(q) + " last=" + store.lastSeq(q)
                + " delays=" + store.countDelays(q));
        note("queue " + q + " scan: " + scan(q, 0, Long.MAX_VALUE, Integer.MAX_VALUE, s -> false));
        List<String> acks = new ArrayList<>();
        store.forEachAckChunk(q, (chunk, bits) -> acks.add(chunk + ":" + Arrays.toString(bits)));
        note("queue " + q + " acks: " + acks);
        note("queue " + q + " delays: " + delays(q, -1, -1, 100));
    }

    private String scan(long q, long from, long to, int max, LongPredicate skip) {
        List<String> seen = new ArrayList<>();
        long next = store.scanMessages(q, from, to, max, skip, m -> seen.add(describe(m)));
        return seen + " next=" + next;
    }

    private String delays(long q, long afterDue, long afterSeq, int max) {
        List<String> seen = new ArrayList<>();
        store.readDelays(q, afterDue, afterSeq, max, (due, seq) -> seen.add(due + "/" + seq));
        return seen.toString();
    }

    private void note(String line) {
        transcript.add(line);
    }

    /** Every third message carries attributes (format version 2), one of them empty. */
    static PutMessage message(long queueId, long seq) {
        byte[] attributes = seq % 3 != 1 ? null : seq % 2 == 0 ? new byte[0] : bytes("attrs " + seq);
        return new PutMessage(queueId, seq, 1000 + seq, 2000 + seq, bytes("body " + queueId + "/" + seq), attributes);
    }

    private static long[] bits(long fill) {
        long[] bits = new long[Mutation.ACK_CHUNK_LONGS];
        Arrays.fill(bits, fill);
        bits[0] = fill * 3;
        return bits;
    }

    private static String describe(StoredMessage m) {
        return m == null ? "null" : m.seq() + "@" + m.enqueueTimeMillis() + "/" + m.visibleAtMillis() + ":" + text(m.body())
                + (m.attributes() == null ? "" : " [" + text(m.attributes()) + "]");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
