package io.opencmq.bench.jmh;

import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.Clock;
import io.opencmq.core.time.ExecutorScheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A broker with one queue over a store, as the server wires it (system clock, one timer
 * thread), for the micro-benchmarks. The in-heap store isolates the engine's own cost.
 */
final class EngineFixture implements AutoCloseable {
    static final String QUEUE = "bench";

    final MessageStore store;
    final ExecutorScheduler scheduler = new ExecutorScheduler("jmh-timer");
    final Broker broker;

    EngineFixture(MessageStore store) {
        this.store = store;
        this.broker = Broker.open(store, Clock.SYSTEM, scheduler, BrokerOptions.defaults());
        broker.createQueue(QUEUE, QueueSettings.NONE).join();
    }

    static EngineFixture inMemory() {
        return new EngineFixture(new MemoryMessageStore());
    }

    /** {@code n} bodies of {@code size} letters. */
    static List<byte[]> bodies(int n, int size) {
        List<byte[]> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) ('a' + i % 26));
            list.add(b);
        }
        return list;
    }

    @Override
    public void close() {
        broker.close();
        scheduler.close();
        store.close();
    }
}
