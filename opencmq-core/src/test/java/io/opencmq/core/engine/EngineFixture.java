package io.opencmq.core.engine;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueSettings;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A broker on a manual clock and an in-heap store, with short-hands for the tests. */
class EngineFixture {
    static final long T0 = 1_700_000_000_000L;

    final ManualClock clock = new ManualClock(T0);
    final MemoryMessageStore store = new MemoryMessageStore();
    final BrokerOptions options;
    PushTransport transport;
    Broker broker;

    EngineFixture() {
        this(BrokerOptions.defaults().withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)));
    }

    EngineFixture(BrokerOptions options) {
        this(options, PushTransport.UNAVAILABLE);
    }

    EngineFixture(PushTransport transport) {
        this(BrokerOptions.defaults().withLimits(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1)), transport);
    }

    EngineFixture(BrokerOptions options, PushTransport transport) {
        this.options = options;
        this.transport = transport;
        broker = Broker.open(store, clock, clock, options, transport);
    }

    /** Simulates a restart: a new broker recovers from the same store. */
    void restart() {
        broker.close();
        broker = Broker.open(store, clock, clock, options, transport);
    }

    void create(String name, QueueSettings settings) {
        broker.createQueue(name, settings).join();
    }

    static QueueSettings visibility(int seconds) {
        return new QueueSettings(null, null, seconds, null, null, null, null);
    }

    String send(String queue, String body) {
        return send(queue, body, 0);
    }

    String send(String queue, String body, int delay) {
        return broker.send(queue, List.of(body.getBytes(StandardCharsets.UTF_8)), delay).join().get(0).msgId();
    }

    /** Sends one FIFO message of {@code group} with deduplication id {@code dedup}; its id and sequence number. */
    io.opencmq.core.message.SentMessage sendFifo(String queue, String group, String dedup, String body) {
        return broker.sendMessages(queue, List.of(new io.opencmq.core.message.OutgoingMessage(
                body.getBytes(StandardCharsets.UTF_8), null, io.opencmq.core.message.OutgoingMessage.QUEUE_DELAY,
                group, dedup))).join().get(0);
    }

    List<ReceivedMessage> receive(String queue, int max) {
        return broker.receive(queue, max, 0).join();
    }

    ReceivedMessage receiveOne(String queue) {
        List<ReceivedMessage> got = receive(queue, 1);
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    /**
     * Sends {@code n} messages to {@code source} and lets each fail once, so that a dead-letter
     * policy with maxReceiveCount 1 and a visibility timeout of 10 s moves them all.
     */
    void deadLetters(String source, int n) {
        for (int i = 0; i < n; i++) {
            send(source, source + "-" + i);
        }
        while (!receive(source, 16).isEmpty()) {
            // lock everything once
        }
        clock.advanceSeconds(11);
        assertThat(receive(source, 16)).isEmpty(); // maxReceiveCount 1: all moved on this pass
    }

    static String text(ReceivedMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    void delete(String queue, ReceivedMessage m) {
        broker.deleteMessage(queue, m.receiptHandle()).join();
    }

    QueueAttributes attrs(String queue) {
        return broker.getQueueAttributes(queue);
    }

    /** The reason a call failed with, whether it threw or returned a failed future. */
    static ErrorReason failure(Runnable call) {
        Throwable t = catchThrowable(call::run);
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(QueueException.class);
        return ((QueueException) t).reason();
    }

    static <T> ErrorReason failure(CompletableFuture<T> future) {
        return failure(future::join);
    }
}
