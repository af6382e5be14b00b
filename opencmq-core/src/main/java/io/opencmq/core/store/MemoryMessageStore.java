package io.opencmq.core.store;

import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.spi.Mutation;
import io.opencmq.core.spi.StoredMessage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * A {@link MessageStore} held in the heap: the same semantics as the RocksDB store without a
 * disk, for unit tests and model checks of the engine. Nothing survives the process, and all
 * of a backlog lives in the heap, so it is not for production use.
 *
 * <p>Thread-safety: every method is synchronized; writes complete at once, in call order.
 */
public final class MemoryMessageStore implements MessageStore {

    private final Map<Long, NavigableMap<Long, StoredMessage>> messages = new HashMap<>();
    private final Map<Long, NavigableMap<Long, long[]>> acks = new HashMap<>();
    private final Map<Long, NavigableMap<DelayKey, Boolean>> delays = new HashMap<>();
    private final Map<Long, byte[]> metas = new HashMap<>();
    private final java.util.TreeMap<String, byte[]> nodeValues = new java.util.TreeMap<>();

    private record DelayKey(long due, long seq) implements Comparable<DelayKey> {
        @Override
        public int compareTo(DelayKey o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public synchronized CompletableFuture<Void> write(List<Mutation> mutations) {
        for (Mutation m : mutations) {
            apply(m);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void apply(Mutation m) {
        switch (m) {
            case Mutation.PutMessage p -> messages.computeIfAbsent(p.queueId(), k -> new TreeMap<>())
                    .put(p.seq(), new StoredMessage(p.seq(), p.enqueueTimeMillis(), p.visibleAtMillis(), p.body().clone(),
                            p.attributes() == null ? null : p.attributes().clone()));
            case Mutation.DeleteMessages d -> {
                NavigableMap<Long, StoredMessage> q = messages.get(d.queueId());
                if (q != null) {
                    q.subMap(d.fromSeq(), true, d.toSeq(), false).clear();
                }
            }
            case Mutation.PutAckChunk a -> acks.computeIfAbsent(a.queueId(), k -> new TreeMap<>())
                    .put(a.chunk(), a.bits().clone());
            case Mutation.DeleteAckChunks d -> {
                NavigableMap<Long, long[]> q = acks.get(d.queueId());
                if (q != null) {
                    q.subMap(d.fromChunk(), true, d.toChunk(), false).clear();
                }
            }
            case Mutation.PutDelay p -> delays.computeIfAbsent(p.queueId(), k -> new TreeMap<>())
                    .put(new DelayKey(p.dueMillis(), p.seq()), Boolean.TRUE);
            case Mutation.DeleteDelaysThrough d -> {
                NavigableMap<DelayKey, Boolean> q = delays.get(d.queueId());
                if (q != null) {
                    q.headMap(new DelayKey(d.dueMillis(), d.seq()), true).clear();
                }
            }
            case Mutation.PutQueueMeta p -> metas.put(p.queueId(), p.meta().clone());
            case Mutation.DropQueue d -> {
                metas.remove(d.queueId());
                messages.remove(d.queueId());
                acks.remove(d.queueId());
                delays.remove(d.queueId());
            }
            case Mutation.PutNodeValue p -> nodeValues.put(p.key(), p.value().clone());
            case Mutation.DeleteNodeValue d -> nodeValues.remove(d.key());
        }
    }

    @Override
    public synchronized Map<Long, byte[]> loadQueueMetas() {
        return new HashMap<>(metas);
    }

    @Override
    public synchronized byte[] readNodeValue(String key) {
        byte[] v = nodeValues.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public synchronized java.util.SortedMap<String, byte[]> loadNodeValues(String prefix) {
        java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
        nodeValues.tailMap(prefix, true).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v.clone());
            }
        });
        return out;
    }

    @Override
    public synchronized Map<Long, QueueExtent> queueExtents() {
        Map<Long, QueueExtent> extents = new HashMap<>();
        messages.forEach((id, q) -> {
            if (!q.isEmpty()) {
                extents.put(id, new QueueExtent(q.firstKey(), q.lastKey(), q.lastEntry().getValue().enqueueTimeMillis(), 0));
            }
        });
        delays.forEach((id, q) -> {
            if (!q.isEmpty()) {
                QueueExtent e = extents.getOrDefault(id, QueueExtent.EMPTY);
                extents.put(id, new QueueExtent(e.firstSeq(), e.lastSeq(), e.lastEnqueueTimeMillis(), q.size()));
            }
        });
        return extents;
    }

    @Override
    public synchronized void forEachAckChunk(AllAckChunksConsumer consumer) {
        new TreeMap<>(acks).forEach((id, q) -> q.forEach((chunk, bits) -> consumer.accept(id, chunk, bits.clone())));
    }

    @Override
    public synchronized long firstSeq(long queueId) {
        NavigableMap<Long, StoredMessage> q = messages.get(queueId);
        return q == null || q.isEmpty() ? -1 : q.firstKey();
    }

    @Override
    public synchronized long lastSeq(long queueId) {
        NavigableMap<Long, StoredMessage> q = messages.get(queueId);
        return q == null || q.isEmpty() ? -1 : q.lastKey();
    }

    @Override
    public synchronized void forEachAckChunk(long queueId, AckChunkConsumer consumer) {
        NavigableMap<Long, long[]> q = acks.get(queueId);
        if (q != null) {
            q.forEach((chunk, bits) -> consumer.accept(chunk, bits.clone()));
        }
    }

    @Override
    public synchronized void readDelays(long queueId, long afterDueMillis, long afterSeq, int max,
                                        DelayConsumer consumer) {
        NavigableMap<DelayKey, Boolean> q = delays.get(queueId);
        if (q == null) {
            return;
        }
        int n = 0;
        for (DelayKey k : q.tailMap(new DelayKey(afterDueMillis, afterSeq), false).keySet()) {
            if (n++ >= max) {
                return;
            }
            consumer.accept(k.due(), k.seq());
        }
    }

    @Override
    public synchronized long countDelays(long queueId) {
        NavigableMap<DelayKey, Boolean> q = delays.get(queueId);
        return q == null ? 0 : q.size();
    }

    @Override
    public synchronized long scanMessages(long queueId, long fromSeq, long toSeq, int max, LongPredicate skip,
                                          MessageConsumer consumer) {
        NavigableMap<Long, StoredMessage> q = messages.get(queueId);
        if (q == null || fromSeq >= toSeq) {
            return Math.max(fromSeq, toSeq);
        }
        int n = 0;
        for (StoredMessage m : q.subMap(fromSeq, true, toSeq, false).values()) {
            if (n >= max) {
                return m.seq();
            }
            if (skip.test(m.seq())) {
                continue;
            }
            consumer.accept(copy(m));
            n++;
        }
        return toSeq;
    }

    @Override
    public synchronized StoredMessage readMessage(long queueId, long seq) {
        NavigableMap<Long, StoredMessage> q = messages.get(queueId);
        StoredMessage m = q == null ? null : q.get(seq);
        return m == null ? null : copy(m);
    }

    private static StoredMessage copy(StoredMessage m) {
        return new StoredMessage(m.seq(), m.enqueueTimeMillis(), m.visibleAtMillis(), m.body().clone(),
                m.attributes() == null ? null : m.attributes().clone());
    }

    @Override
    public void close() {
    }
}
