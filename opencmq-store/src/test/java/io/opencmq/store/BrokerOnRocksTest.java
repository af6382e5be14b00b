package io.opencmq.store;

import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on the RocksDB store, restarted by closing and reopening both: sends, deletes,
 * delays and queue drops survive, as they do on the memory store in the core's own tests.
 */
class BrokerOnRocksTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private RocksMessageStore store;
    private Broker broker;

    private void start() {
        store = RocksMessageStore.open(dir, StoreOptions.defaults());
        broker = Broker.open(store, clock, clock, BrokerOptions.defaults());
    }

    private void stop() {
        broker.close();
        store.close();
    }

    @AfterEach
    void tearDown() {
        stop();
    }

    @Test
    void queueStateSurvivesARestartOfBrokerAndStore() {
        start();
        broker.createQueue("orders", null).join();
        broker.createQueue("scratch", null).join();
        for (int i = 0; i < 20; i++) {
            broker.send("orders", List.of(bytes("m" + i)), 0).join();
        }
        broker.send("orders", List.of(bytes("late")), 60).join();
        List<ReceivedMessage> first = broker.receive("orders", 5, 0).join();
        assertThat(first).hasSize(5);
        for (ReceivedMessage m : first.subList(0, 3)) {
            broker.deleteMessage("orders", m.receiptHandle()).join();
        }
        broker.deleteQueue("scratch").join();

        stop();
        start();

        assertThat(broker.listQueues(null, 0, 10).toString()).contains("orders").doesNotContain("scratch");
        assertThat(broker.getQueueAttributes("orders").delayMsgNum()).isEqualTo(1);
        List<String> bodies = drain("orders");
        List<String> expected = new ArrayList<>();
        for (ReceivedMessage m : first.subList(3, 5)) {
            expected.add(text(m));
        }
        for (int i = 5; i < 20; i++) {
            expected.add("m" + i);
        }
        assertThat(bodies).containsExactlyInAnyOrderElementsOf(expected);

        stop();
        start();
        clock.advanceSeconds(60);
        assertThat(drain("orders")).containsExactly("late");
        assertThat(broker.getQueueAttributes("orders").activeMsgNum()).isZero();
    }

    /** Receives and deletes until the queue has nothing visible. */
    private List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<ReceivedMessage> got = broker.receive(queue, 16, 0).join();
            if (got.isEmpty()) {
                break;
            }
            for (ReceivedMessage m : got) {
                bodies.add(text(m));
                broker.deleteMessage(queue, m.receiptHandle()).join();
            }
        }
        return bodies;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ReceivedMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }
}
