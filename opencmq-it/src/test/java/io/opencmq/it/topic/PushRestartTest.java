package io.opencmq.it.topic;

import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.TestServer;
import io.opencmq.it.topic.PushReceiver.Answer;
import io.opencmq.it.topic.PushReceiver.Push;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pending pushes survive restarts: with the endpoint failing, the server is SIGKILLed in the
 * middle of the retries, restarted (still failing: the pushes resume), stopped with SIGTERM,
 * and restarted once more with the endpoint healthy. Every published message then arrives at
 * each HTTP subscription at least once, under both retry strategies.
 */
class PushRestartTest {

    private static final int MESSAGES = 24;

    @TempDir
    Path temp;

    private static RawTopics topics(ChildServer child) {
        return new RawTopics(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS));
    }

    @Test
    void noPushIsLostAcrossKillAndTermInTheMiddleOfRetries() {
        Path dataDir = temp.resolve("data");
        try (PushReceiver receiver = PushReceiver.answering(Answer.status(500))) {
            String topic;
            Set<String> bodies = new HashSet<>();
            try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
                RawTopics topics = topics(child);
                topic = topics.createTopicOk("push-restart", RawTopics.TAGS);
                topics.subscribeHttpOk(topic, "decay", receiver.url("/decay"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
                topics.subscribeHttpOk(topic, "backoff", receiver.url("/backoff"), "BACKOFF_RETRY", "SIMPLIFIED");
                for (int i = 0; i < MESSAGES / 2; i++) {
                    String body = "single-" + i;
                    topics.publishOk(topic, body);
                    bodies.add(body);
                }
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < MESSAGES / 2; i++) {
                    batch.add("batch-" + i);
                }
                topics.batchPublish(topic, batch, List.of(), null).assertOk();
                bodies.addAll(batch);

                // In the middle of the retries: every message failed at least twice on the decaying subscription.
                await("retries under way").atMost(Duration.ofSeconds(15))
                        .until(() -> everyBodyAttempted(receiver, "/decay", bodies, 2) && everyBodyAttempted(receiver, "/backoff", bodies, 1));
                child.kill();
            }
            assertThat(receiver.accepted()).isEmpty();

            Map<String, Integer> attemptsBefore = attemptsByBody(receiver, "/backoff");
            try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
                // Recovered and pushing again, still into a failing endpoint: a restart releases every
                // lock, so even BACKOFF_RETRY messages come again at once instead of after 19-29 s.
                await("pushes resumed after kill -9").atMost(Duration.ofSeconds(15))
                        .until(() -> bodies.stream().allMatch(b -> attemptsByBody(receiver, "/backoff").getOrDefault(b, 0)
                                > attemptsBefore.getOrDefault(b, 0)));
                assertThat(topics(child).subscriptionAttributes(topic, "decay").assertOk().number("msgCount"))
                        .as("nothing delivered yet, all still owed").isEqualTo(MESSAGES);
            } // SIGTERM: an orderly stop in the middle of retries

            receiver.answer(Answer.ok());
            try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
                await("every message delivered after the restarts").atMost(Duration.ofSeconds(20))
                        .until(() -> acceptedBodies(receiver, "/decay").containsAll(bodies)
                                && acceptedBodies(receiver, "/backoff").containsAll(bodies));
                assertThat(acceptedBodies(receiver, "/decay")).isEqualTo(bodies);
                assertThat(acceptedBodies(receiver, "/backoff")).isEqualTo(bodies);
                RawTopics topics = topics(child);
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        topics.subscriptionAttributes(topic, "decay").assertOk().number("msgCount") == 0
                                && topics.subscriptionAttributes(topic, "backoff").assertOk().number("msgCount") == 0);
            }
        }
    }

    @Test
    void anOrderlyStopDoesNotWaitForAHungEndpointAndThePushComesAgainAfterTheRestart() {
        Path dataDir = temp.resolve("hung");
        CountDownLatch hang = new CountDownLatch(1);
        try (PushReceiver receiver = new PushReceiver((push, self) -> {
            try {
                hang.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.ok();
        })) {
            String msgId;
            long stopMillis;
            // The default push timeout (15 s): the stop must not sit it out.
            TestServer server = TestServer.start(dataDir);
            try {
                RawTopics topics = new RawTopics(server.raw());
                String topic = topics.createTopicOk("push-hung", RawTopics.TAGS);
                topics.subscribeHttpOk(topic, "hung", receiver.url("/hung"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
                msgId = topics.publishOk(topic, "are you stuck?");
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.attempts(msgId) == 1);
            } finally {
                long start = System.nanoTime();
                server.close();
                stopMillis = (System.nanoTime() - start) / 1_000_000;
            }
            assertThat(stopMillis).as("orderly stop with a push hanging, ms").isLessThan(5_000L);

            hang.countDown();
            try (TestServer restarted = TestServer.start(dataDir)) {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        receiver.accepted().stream().filter(p -> p.messageId().equals(msgId)).count() >= 1
                                && receiver.attempts(msgId) >= 2);
            }
        }
    }

    @Test
    void eachAttemptHasARequestIdOfItsOwnAcrossRestarts() {
        Path dataDir = temp.resolve("ids");
        try (PushReceiver receiver = PushReceiver.answering(Answer.status(500))) {
            String topic;
            String msgId;
            try (TestServer server = TestServer.start(dataDir)) {
                RawTopics topics = new RawTopics(server.raw());
                topic = topics.createTopicOk("push-ids", RawTopics.TAGS);
                topics.subscribeHttpOk(topic, "ids", receiver.url("/ids"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED");
                msgId = topics.publishOk(topic, "who am I");
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.attempts(msgId) >= 2);
            }
            int before = receiver.attempts(msgId);
            try (TestServer server = TestServer.start(dataDir)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.attempts(msgId) >= before + 1);
            }
            List<String> requestIds = receiver.pushesOf(msgId).stream().map(p -> p.header("x-cmq-request-id")).toList();
            assertThat(requestIds).as("x-cmq-request-id of each attempt, before and after the restart")
                    .doesNotContainNull().doesNotHaveDuplicates();
        }
    }

    private static boolean everyBodyAttempted(PushReceiver receiver, String path, Set<String> bodies, int times) {
        Map<String, Integer> n = attemptsByBody(receiver, path);
        return bodies.stream().allMatch(b -> n.getOrDefault(b, 0) >= times);
    }

    private static Map<String, Integer> attemptsByBody(PushReceiver receiver, String path) {
        Map<String, Integer> n = new HashMap<>();
        for (Push p : receiver.pushes(p -> p.path().equals(path))) {
            n.merge(p.bodyText(), 1, Integer::sum);
        }
        return n;
    }

    private static Set<String> acceptedBodies(PushReceiver receiver, String path) {
        Set<String> out = new HashSet<>();
        for (Push p : receiver.accepted()) {
            if (p.path().equals(path)) {
                out.add(p.bodyText());
            }
        }
        return out;
    }
}
