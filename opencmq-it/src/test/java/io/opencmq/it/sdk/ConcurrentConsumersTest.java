package io.opencmq.it.sdk;

import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Competing consumers through the official SDK: producers and consumers run at once on one
 * queue; consumers that delete promptly (well inside the visibility timeout) see every message
 * exactly once — a locked message is never handed to a second consumer.
 */
class ConcurrentConsumersTest {

    static final int PRODUCERS = 3;
    static final int MESSAGES_PER_PRODUCER = 1000;
    static final int CONSUMERS = 4;
    static final Duration DEADLINE = Duration.ofSeconds(90);

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @Test
    void everyMessageIsDeliveredExactlyOnce() throws Exception {
        String name = QueueNames.unique("concurrent");
        QueueMeta meta = new QueueMeta();
        meta.visibilityTimeout = 120;
        server.get().account().createQueue(name, meta);
        int total = PRODUCERS * MESSAGES_PER_PRODUCER;
        Set<String> sentBodies = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, String> bodyById = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                tasks.add(pool.submit(() -> produce(server.get().account().getQueue(name), producer, sentBodies)));
            }
            for (int c = 0; c < CONSUMERS; c++) {
                tasks.add(pool.submit(() -> consume(server.get().account().getQueue(name), total, deliveries, bodyById, deadline)));
            }
            for (Future<?> task : tasks) {
                task.get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }

        List<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
        System.out.printf("concurrent consumers: sent=%d distinct received=%d duplicated=%d%n",
                sentBodies.size(), deliveries.size(), duplicated.size());
        assertThat(duplicated).as("messages handed to more than one consumer").isEmpty();
        assertThat(sentBodies).hasSize(total);
        assertThat(Set.copyOf(bodyById.values())).isEqualTo(sentBodies);
        assertThat(Sdk.errorCode(() -> server.get().account().getQueue(name).receiveMessage(0))).isEqualTo(7000);
    }

    private static Void produce(Queue queue, int producer, Set<String> sentBodies) throws Exception {
        for (int i = 0; i < MESSAGES_PER_PRODUCER; i += 16) {
            List<String> batch = new ArrayList<>();
            for (int j = i; j < Math.min(i + 16, MESSAGES_PER_PRODUCER); j++) {
                batch.add("p" + producer + "-m" + j);
            }
            queue.batchSendMessage(batch);
            sentBodies.addAll(batch);
        }
        return null;
    }

    private static Void consume(Queue queue, int total, Map<String, AtomicInteger> deliveries,
                                Map<String, String> bodyById, long deadline) throws Exception {
        while (bodyById.size() < total && System.nanoTime() < deadline) {
            List<Message> got;
            try {
                got = queue.batchReceiveMessage(16, 1);
            } catch (CMQServerException e) {
                if (Sdk.codeOf(e) == 7000) {
                    continue;
                }
                throw e;
            }
            List<String> handles = new ArrayList<>();
            for (Message m : got) {
                deliveries.computeIfAbsent(m.msgId, id -> new AtomicInteger()).incrementAndGet();
                bodyById.put(m.msgId, m.msgBody);
                handles.add(m.receiptHandle);
            }
            queue.batchDeleteMessage(handles);
        }
        return null;
    }
}
