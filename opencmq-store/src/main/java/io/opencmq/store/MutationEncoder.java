package io.opencmq.store;

import io.opencmq.core.spi.Mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates the core's {@link Mutation}s into {@link BatchOp}s over the layouts of
 * {@link StoreKeys}, {@link MessageValue} and {@link AckChunkValue}. Stateless; called on the
 * thread that calls {@link RocksMessageStore#write}.
 *
 * <p>Ids, seqs, chunks and due times must be non-negative (the key order relies on it); a
 * mutation that breaks this is a bug in the caller and is rejected before anything is written.
 * Empty or inverted ranges delete nothing, as in the memory store.
 */
final class MutationEncoder {

    private MutationEncoder() {
    }

    /** The ops of all mutations, in order; also returns a rough byte size for batch limits. */
    static Encoded encode(List<Mutation> mutations) {
        List<BatchOp> ops = new ArrayList<>(mutations.size());
        long bytes = 0;
        for (Mutation m : mutations) {
            bytes += append(m, ops);
        }
        return new Encoded(ops, bytes);
    }

    record Encoded(List<BatchOp> ops, long bytes) { }

    private static long append(Mutation m, List<BatchOp> ops) {
        switch (m) {
            case Mutation.PutMessage p -> {
                nonNegative("queueId", p.queueId());
                nonNegative("seq", p.seq());
                byte[] value = MessageValue.encode(p.enqueueTimeMillis(), p.visibleAtMillis(), p.body(), p.attributes());
                ops.add(new BatchOp.Put(Family.MSG, StoreKeys.message(p.queueId(), p.seq()), value));
                return value.length + 16;
            }
            case Mutation.DeleteMessages d -> {
                nonNegative("queueId", d.queueId());
                long from = Math.max(d.fromSeq(), 0);
                if (from < d.toSeq()) {
                    ops.add(new BatchOp.DeleteRange(Family.MSG, StoreKeys.message(d.queueId(), from),
                            StoreKeys.message(d.queueId(), d.toSeq())));
                }
                return 32;
            }
            case Mutation.PutAckChunk a -> {
                nonNegative("queueId", a.queueId());
                nonNegative("chunk", a.chunk());
                byte[] value = AckChunkValue.encode(a.bits());
                ops.add(new BatchOp.Put(Family.ACK, StoreKeys.ackChunk(a.queueId(), a.chunk()), value));
                return value.length + 16;
            }
            case Mutation.DeleteAckChunks d -> {
                nonNegative("queueId", d.queueId());
                long from = Math.max(d.fromChunk(), 0);
                if (from < d.toChunk()) {
                    ops.add(new BatchOp.DeleteRange(Family.ACK, StoreKeys.ackChunk(d.queueId(), from),
                            StoreKeys.ackChunk(d.queueId(), d.toChunk())));
                }
                return 32;
            }
            case Mutation.PutDelay p -> {
                nonNegative("queueId", p.queueId());
                nonNegative("dueMillis", p.dueMillis());
                nonNegative("seq", p.seq());
                ops.add(new BatchOp.Put(Family.DELAY, StoreKeys.delay(p.queueId(), p.dueMillis(), p.seq()), new byte[0]));
                return 24;
            }
            case Mutation.DeleteDelaysThrough d -> {
                nonNegative("queueId", d.queueId());
                // Every stored entry has due >= 0 and seq >= 0, so a negative due covers none and a
                // negative seq covers exactly the entries with a smaller due.
                if (d.dueMillis() >= 0) {
                    long endSeq = d.seq() < 0 ? 0 : d.seq() + 1;
                    ops.add(new BatchOp.DeleteRange(Family.DELAY, StoreKeys.queueStart(d.queueId()),
                            StoreKeys.delay(d.queueId(), d.dueMillis(), endSeq)));
                }
                return 32;
            }
            case Mutation.PutQueueMeta p -> {
                nonNegative("queueId", p.queueId());
                ops.add(new BatchOp.Put(Family.META, StoreKeys.queueMeta(p.queueId()), p.meta().clone()));
                return p.meta().length + 9;
            }
            case Mutation.DropQueue d -> {
                nonNegative("queueId", d.queueId());
                byte[] start = StoreKeys.queueStart(d.queueId());
                byte[] end = StoreKeys.queueEnd(d.queueId());
                ops.add(new BatchOp.DeleteRange(Family.MSG, start, end));
                ops.add(new BatchOp.DeleteRange(Family.ACK, start, end));
                ops.add(new BatchOp.DeleteRange(Family.DELAY, start, end));
                ops.add(new BatchOp.Delete(Family.META, StoreKeys.queueMeta(d.queueId())));
                return 96;
            }
            case Mutation.PutNodeValue p -> {
                byte[] key = StoreKeys.nodeValue(p.key());
                ops.add(new BatchOp.Put(Family.META, key, p.value().clone()));
                return key.length + p.value().length;
            }
            case Mutation.DeleteNodeValue d -> {
                byte[] key = StoreKeys.nodeValue(d.key());
                ops.add(new BatchOp.Delete(Family.META, key));
                return key.length;
            }
        }
    }

    private static void nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
