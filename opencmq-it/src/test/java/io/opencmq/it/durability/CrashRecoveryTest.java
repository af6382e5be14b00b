package io.opencmq.it.durability;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.Queue;
import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.ClientFlavor;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.RawCmqClient;
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

/**
 * kill -9 in the middle of a send storm, twice (the second storm runs on the recovered store):
 * every send the server acknowledged (fsync=always) is there after the restarts, exactly once;
 * sends cut off by a kill may or may not be there, but nothing is duplicated and nothing appears
 * that was never sent.
 */
class CrashRecoveryTest {

    static final int SENDERS = 4;
    static final Duration STORM = Duration.ofMillis(2500);
    /** Safety bound on each sender, far above what a 2.5 s storm reaches. */
    static final int MAX_SENDS_PER_THREAD = 200_000;

    @TempDir
    Path temp;

    @Test
    void acknowledgedSendsSurviveRepeatedSigkills() throws Exception {
        Path dataDir = temp.resolve("data");
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        String queueName;

        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            queueName = RawQueue.create(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS), "crash-storm").name();
            stormThenKill(child, queueName, 1, attempted, acked);
        }
        int ackedInRound1 = acked.size();
        // A second storm on the recovered store: new sends must land next to the old ones, not over them.
        try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            stormThenKill(child, queueName, 2, attempted, acked);
        }
        assertThat(ackedInRound1).as("round 1 got sends acknowledged before the kill").isPositive();
        assertThat(acked.size()).as("round 2 got sends acknowledged before the kill").isGreaterThan(ackedInRound1);

        try (ChildServer restarted = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawQueue queue = new RawQueue(new RawCmqClient(restarted.endpoint(), TestServer.CREDENTIALS), queueName);
            Map<String, Integer> found = Drain.queue(queue, acked.size(), Duration.ofSeconds(90));

            List<String> missing = acked.stream().filter(b -> !found.containsKey(b)).sorted().toList();
            List<String> duplicated = found.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
            List<String> invented = found.keySet().stream().filter(b -> !attempted.contains(b)).sorted().toList();
            System.out.printf("crash storm: attempted=%d acked=%d (round 1: %d) found=%d missing=%d duplicated=%d invented=%d%n",
                    attempted.size(), acked.size(), ackedInRound1, found.size(), missing.size(), duplicated.size(), invented.size());
            assertThat(missing).as("acknowledged but lost").isEmpty();
            assertThat(duplicated).as("present more than once").isEmpty();
            assertThat(invented).as("never sent").isEmpty();
        }
    }

    /** Runs SENDERS storm threads against {@code child} for STORM, SIGKILLs it mid-storm, and waits for the senders to stop. */
    private static void stormThenKill(ChildServer child, String queueName, int round, Set<String> attempted, Set<String> acked)
            throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        Set<String> failuresBeforeKill = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                String sender = "r" + round + "-t" + t;
                Account account = ClientFlavor.POST_SHA1.account(child.endpoint(), TestServer.CREDENTIALS);
                senders.add(pool.submit(() -> storm(account.getQueue(queueName), sender, killed, failuresBeforeKill, attempted, acked)));
            }
            // The storm runs for a while; then the server dies under it, without warning.
            Thread.sleep(STORM.toMillis());
            assertThat(child.isAlive()).as("server alive through the storm; log:\n%s", child.logTail()).isTrue();
            killed.set(true);
            child.kill();
            for (Future<?> s : senders) {
                s.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(failuresBeforeKill).as("sends that failed while the server was still up").isEmpty();
    }

    /**
     * One sender: alternates single sends and batches of 8 with unique bodies, recording a body as
     * acknowledged only when the server said so. Ends at the first failure, which is expected only
     * once the server is being killed.
     */
    private static Void storm(Queue queue, String sender, AtomicBoolean killed, Set<String> failuresBeforeKill,
                              Set<String> attempted, Set<String> acked) {
        int n = 0;
        try {
            while (!killed.get() && n < MAX_SENDS_PER_THREAD) {
                if (n % 2 == 0) {
                    String body = sender + "-single-" + n;
                    attempted.add(body);
                    queue.sendMessage(body);
                    acked.add(body);
                } else {
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        batch.add(sender + "-batch-" + n + "-" + i);
                    }
                    attempted.addAll(batch);
                    queue.batchSendMessage(batch);
                    acked.addAll(batch);
                }
                n++;
            }
        } catch (Exception e) {
            if (!killed.get()) {
                failuresBeforeKill.add(sender + ": " + e);
            }
        }
        return null;
    }
}
