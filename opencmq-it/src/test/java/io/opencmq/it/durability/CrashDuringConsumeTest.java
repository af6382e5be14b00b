package io.opencmq.it.durability;

import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.Message;
import com.qcloud.cmq.Queue;
import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.ClientFlavor;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 while consumers receive and delete: a delete the server acknowledged stays done after
 * the restart (the message never comes back), a message nobody tried to delete is there exactly
 * once (its lock, if any, is gone), and deletes cut off by the kill may have happened or not.
 */
class CrashDuringConsumeTest {

    static final int PRELOAD_BATCHES = 400;
    static final int CONSUMERS = 3;

    @TempDir
    Path temp;

    @Test
    void acknowledgedDeletesSurviveSigkill() throws Exception {
        Path dataDir = temp.resolve("data");
        Set<String> preloaded = ConcurrentHashMap.newKeySet();
        Set<String> deleteAttempted = ConcurrentHashMap.newKeySet();
        Set<String> deleteAcked = ConcurrentHashMap.newKeySet();
        String queueName;

        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = RawQueue.create(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS), "crash-consume",
                    "visibilityTimeout", "600");
            queueName = queue.name();
            for (int b = 0; b < PRELOAD_BATCHES; b++) {
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    batch.add("pre-" + b + "-" + i);
                }
                queue.batchSend(batch).assertOk();
                preloaded.addAll(batch);
            }

            AtomicBoolean killed = new AtomicBoolean();
            Set<String> failuresBeforeKill = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
            try {
                List<Future<?>> consumers = new ArrayList<>();
                for (int c = 0; c < CONSUMERS; c++) {
                    Queue sdkQueue = ClientFlavor.POST_SHA1.account(child.endpoint(), TestServer.CREDENTIALS).getQueue(queueName);
                    int consumer = c;
                    consumers.add(pool.submit(() -> consume(sdkQueue, consumer, killed, failuresBeforeKill, deleteAttempted, deleteAcked)));
                }
                // Kill once about half is consumed, so the crash surely lands in the middle of the deletes.
                await("consumers to delete half the queue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> deleteAcked.size() >= preloaded.size() / 2 || !failuresBeforeKill.isEmpty());
                killed.set(true);
                child.kill();
                for (Future<?> consumer : consumers) {
                    consumer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            assertThat(failuresBeforeKill).as("calls that failed while the server was still up").isEmpty();
        }

        try (ChildServer restarted = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = new RawQueue(new RawCmqClient(restarted.endpoint(), TestServer.CREDENTIALS), queueName);
            List<String> neverDeleted = preloaded.stream().filter(b -> !deleteAttempted.contains(b)).toList();
            Map<String, Integer> found = Drain.queue(queue, neverDeleted.size(), Duration.ofSeconds(90));

            List<String> resurrected = deleteAcked.stream().filter(found::containsKey).sorted().toList();
            List<String> missing = neverDeleted.stream().filter(b -> !found.containsKey(b)).sorted().toList();
            List<String> duplicated = found.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
            System.out.printf("crash during consume: preloaded=%d deleteAcked=%d deleteInFlight=%d found=%d "
                            + "resurrected=%d missing=%d duplicated=%d%n",
                    preloaded.size(), deleteAcked.size(), deleteAttempted.size() - deleteAcked.size(), found.size(),
                    resurrected.size(), missing.size(), duplicated.size());
            assertThat(resurrected).as("deleted with an acknowledgement, yet back").isEmpty();
            assertThat(missing).as("never deleted, yet lost").isEmpty();
            assertThat(duplicated).as("present more than once").isEmpty();
            assertThat(found.keySet()).isSubsetOf(preloaded);
        }
    }

    /**
     * One consumer: receives batches and deletes them, alternating one BatchDeleteMessage with
     * single DeleteMessage calls, recording what it tried to delete and what the server
     * acknowledged. Ends at the first failure, expected only once the server is being killed.
     */
    private static Void consume(Queue queue, int consumer, AtomicBoolean killed, Set<String> failuresBeforeKill,
                                Set<String> deleteAttempted, Set<String> deleteAcked) {
        int round = 0;
        try {
            while (!killed.get() && round < 100_000) {
                List<Message> got;
                try {
                    got = queue.batchReceiveMessage(16, 0);
                } catch (CMQServerException e) {
                    if (Sdk.codeOf(e) == 7000) {
                        return null;
                    }
                    throw e;
                }
                if (round % 2 == 0) {
                    List<String> handles = got.stream().map(m -> m.receiptHandle).toList();
                    got.forEach(m -> deleteAttempted.add(m.msgBody));
                    queue.batchDeleteMessage(handles);
                    got.forEach(m -> deleteAcked.add(m.msgBody));
                } else {
                    for (Message m : got) {
                        deleteAttempted.add(m.msgBody);
                        queue.deleteMessage(m.receiptHandle);
                        deleteAcked.add(m.msgBody);
                    }
                }
                round++;
            }
        } catch (Exception e) {
            if (!killed.get()) {
                failuresBeforeKill.add("consumer " + consumer + ": " + e);
            }
        }
        return null;
    }
}
