package io.opencmq.it.durability;

import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An orderly restart on the same data directory loses nothing: queues keep their attributes,
 * undeleted messages (ready, locked and delayed) are all there and receivable, deleted ones
 * stay deleted, and rewind history survives.
 */
class RestartDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void stateSurvivesARestart() {
        String queueName;
        Set<String> expected = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue queue = RawQueue.create(first.raw(), "restart", "visibilityTimeout", "2",
                    "maxMsgSize", "4096", "pollingWaitSeconds", "1", "msgRetentionSeconds", "7200", "rewindSeconds", "600");
            queueName = queue.name();
            for (int i = 0; i < 20; i++) {
                queue.sendOk("body-" + i + " 中文 & =");
                expected.add("body-" + i + " 中文 & =");
            }
            List<Reply> locked = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                locked.add(queue.receive(0).assertOk());
            }
            for (Reply r : locked.subList(0, 5)) {
                queue.delete(r.text("receiptHandle")).assertOk();
                deleted.add(r.text("msgBody"));
            }
            expected.removeAll(deleted);
            queue.send("delayed-body", 1).assertOk();
            expected.add("delayed-body");
        }

        try (TestServer second = TestServer.start(dataDir)) {
            RawQueue queue = new RawQueue(second.raw(), queueName);
            Reply attrs = queue.attributes();
            assertThat(attrs.number("visibilityTimeout")).isEqualTo(2);
            assertThat(attrs.number("maxMsgSize")).isEqualTo(4096);
            assertThat(attrs.number("pollingWaitSeconds")).isEqualTo(1);
            assertThat(attrs.number("msgRetentionSeconds")).isEqualTo(7200);
            assertThat(attrs.number("rewindSeconds")).isEqualTo(600);
            assertThat(attrs.number("rewindMsgNum")).as("deleted messages kept for rewind").isEqualTo(5);
            assertThat(attrs.number("activeMsgNum") + attrs.number("inactiveMsgNum") + attrs.number("delayMsgNum"))
                    .isEqualTo(expected.size());

            Map<String, Integer> drained = Drain.queue(queue, expected.size(), Duration.ofSeconds(30));

            assertThat(drained.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(drained.values()).allMatch(n -> n == 1);
            assertThat(drained.keySet()).doesNotContainAnyElementsOf(deleted);
        }
    }

    @Test
    void sendsAfterARestartLandNextToEarlierMessages() {
        String name;
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue queue = RawQueue.create(first.raw(), "restart-append");
            name = queue.name();
            for (int i = 0; i < 10; i++) {
                queue.sendOk("before-" + i);
            }
            queue.delete(queue.receive(0).assertOk().text("receiptHandle")).assertOk();
        }

        Set<String> expected = new HashSet<>();
        for (int i = 1; i < 10; i++) {
            expected.add("before-" + i);
        }
        for (int restart = 0; restart < 2; restart++) {
            try (TestServer again = TestServer.start(dataDir)) {
                RawQueue queue = new RawQueue(again.raw(), name);
                for (int i = 0; i < 10; i++) {
                    String body = "after-restart-" + restart + "-" + i;
                    queue.sendOk(body);
                    expected.add(body);
                }
            }
        }

        try (TestServer last = TestServer.start(dataDir)) {
            Map<String, Integer> drained = Drain.queue(new RawQueue(last.raw(), name), expected.size(), Duration.ofSeconds(30));
            assertThat(drained.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(drained.values()).allMatch(n -> n == 1);
        }
    }

    @Test
    void recreatedQueueDoesNotInheritTheOldOnesMessages() {
        String name;
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue old = RawQueue.create(first.raw(), "restart-recreate", "rewindSeconds", "600");
            name = old.name();
            old.sendOk("old-ready");
            old.sendOk("old-deleted");
            old.send("old-delayed", 1).assertOk();
            old.call("DeleteQueue").assertOk();
            first.raw().call("CreateQueue", "queueName", name).assertOk();
            new RawQueue(first.raw(), name).sendOk("new-before-restart");
        }

        try (TestServer second = TestServer.start(dataDir)) {
            RawQueue queue = new RawQueue(second.raw(), name);
            queue.sendOk("new-after-restart");
            Map<String, Integer> drained = Drain.queue(queue, 2, Duration.ofSeconds(10));

            assertThat(drained).containsOnlyKeys("new-before-restart", "new-after-restart");
            assertThat(queue.attributes().number("rewindSeconds")).as("the new queue has its own settings").isZero();
        }
    }

    @Test
    void clearedQueueStaysEmptyAfterARestart() {
        String name;
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue queue = RawQueue.create(first.raw(), "restart-cleared", "visibilityTimeout", "600");
            name = queue.name();
            queue.batchSend(List.of("c1", "c2", "c3")).assertOk();
            queue.receive(0).assertOk();
            queue.call("ClearQueue").assertOk();
            queue.sendOk("after-clear");
        }

        try (TestServer second = TestServer.start(dataDir)) {
            Map<String, Integer> drained = Drain.queue(new RawQueue(second.raw(), name), 1, Duration.ofSeconds(10));
            assertThat(drained).containsOnlyKeys("after-clear");
        }
    }

    @Test
    void rewindWorksOnHistoryFromBeforeARestart() {
        String name;
        long start = System.currentTimeMillis() / 1000 - 1;
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue queue = RawQueue.create(first.raw(), "restart-rewind", "rewindSeconds", "3600");
            name = queue.name();
            queue.sendOk("h1");
            queue.sendOk("h2");
            Drain.queue(queue, 2, Duration.ofSeconds(10));
        }

        try (TestServer second = TestServer.start(dataDir)) {
            RawQueue queue = new RawQueue(second.raw(), name);
            queue.call("RewindQueue", "startConsumeTime", Long.toString(start)).assertOk();

            assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("h1");
            assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("h2");
        }
    }

    @Test
    void deadLetterBindingSurvivesARestart() {
        String source;
        String target;
        try (TestServer first = TestServer.start(dataDir)) {
            RawQueue dlq = RawQueue.create(first.raw(), "restart-dlq");
            RawQueue src = RawQueue.create(first.raw(), "restart-src", "visibilityTimeout", "1");
            src.setAttributes("deadLetterPolicy", "{\"deadLetterQueue\":\"" + dlq.name()
                    + "\",\"policy\":0,\"maxReceiveCount\":1}").assertOk();
            source = src.name();
            target = dlq.name();
        }

        try (TestServer second = TestServer.start(dataDir)) {
            Reply sources = second.raw().call("ListDeadLetterSourceQueues", "deadLetterQueueName", target).assertOk();
            assertThat(sources.array("queueList")).extracting(n -> n.get("queueName").asText()).containsExactly(source);

            RawQueue src = new RawQueue(second.raw(), source);
            src.sendOk("dies once");
            src.receive(0).assertOk();
            Map<String, Integer> dead = Drain.queue(new RawQueue(second.raw(), target), 1, Duration.ofSeconds(20));
            assertThat(dead).containsOnlyKeys("dies once");
        }
    }

    @Test
    void deletedQueueStaysDeletedAndOthersRemain() {
        String kept;
        String dropped;
        try (TestServer first = TestServer.start(dataDir)) {
            kept = RawQueue.create(first.raw(), "restart-kept").name();
            RawQueue doomed = RawQueue.create(first.raw(), "restart-dropped");
            dropped = doomed.name();
            doomed.sendOk("gone with the queue");
            doomed.call("DeleteQueue").assertOk();
        }

        try (TestServer second = TestServer.start(dataDir)) {
            assertThat(second.raw().call("GetQueueAttributes", "queueName", kept).code()).isZero();
            assertThat(second.raw().call("GetQueueAttributes", "queueName", dropped).code()).isEqualTo(4440);
            assertThat(second.raw().call("ListQueue", "searchWord", dropped).assertOk().number("totalCount")).isZero();
        }
    }
}
