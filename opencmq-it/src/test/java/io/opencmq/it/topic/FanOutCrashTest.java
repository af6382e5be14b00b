package io.opencmq.it.topic;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.CMQServerException;
import com.qcloud.cmq.Topic;
import io.opencmq.it.support.ChildServer;
import io.opencmq.it.support.ClientFlavor;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out under load, with a crash in the middle: several publishers (the official SDK) publish
 * to a tag topic and a routing-key topic, each with several filtered queue subscriptions (one
 * queue listens to both topics) and, on the tag topic, a filtered HTTP subscription; the server
 * is SIGKILLed mid-storm. After the restart every queue holds exactly the acknowledged messages
 * that match its filters (as {@link FilterModel} predicts), each once; a publish cut off by the
 * kill is in all of its queues or in none; a publish that matches nothing was refused with 6030
 * and is nowhere; and every acknowledged message that matches the HTTP subscription is pushed
 * at least once, nothing else ever.
 */
class FanOutCrashTest {

    static final int PUBLISHERS = 4;
    static final Duration STORM = Duration.ofMillis(2500);
    /** Safety bound on each publisher, far above what the storm reaches. */
    static final int MAX_PUBLISHES_PER_THREAD = 50_000;

    static final List<String> TAGS = List.of("a", "b", "c", "d");
    static final List<String> HTTP_FILTER = List.of("b");
    static final List<String> ROUTING_KEYS = List.of("order.eu.created", "order.us.urgent", "order.eu.urgent", "urgent",
            "order", "order.us.created", "billing.eu.created", "audit.log", "order.eu.created.late");

    /** One queue subscription: the queue, the topic it listens to, and its filter. */
    record Sub(String queue, boolean routing, List<String> filter) {
        boolean takes(Published m) {
            if (routing != m.routing()) {
                return false;
            }
            return routing ? FilterModel.routingMatches(filter, m.routingKey()) : FilterModel.tagsMatch(filter, m.tags());
        }
    }

    /** One message as published: which topic, with which tags or routing key. */
    record Published(String body, boolean routing, List<String> tags, String routingKey) { }

    @TempDir
    Path temp;

    @Test
    void everyQueueHoldsExactlyTheMatchingAcknowledgedMessagesAfterKill9() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, Published> attempted = new ConcurrentHashMap<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        Set<String> wrongAnswers = ConcurrentHashMap.newKeySet();
        List<Sub> subs = new ArrayList<>();

        PushReceiver receiver = PushReceiver.answering(PushReceiver.Answer.ok());
        try (receiver; ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawTopics topics = new RawTopics(new RawCmqClient(child.endpoint(), TestServer.CREDENTIALS));
            String tagTopic = topics.createTopicOk("fan-tags", RawTopics.TAGS);
            topics.subscribeHttpOk(tagTopic, "hook", receiver.url("/hook"), "EXPONENTIAL_DECAY_RETRY", "SIMPLIFIED",
                    "filterTag.1", HTTP_FILTER.getFirst());
            String routingTopic = topics.createTopicOk("fan-routes", RawTopics.ROUTING_KEYS);
            String mixed = topics.createQueueOk("fan-mixed");
            subs.add(subscribe(topics, tagTopic, topics.createQueueOk("fan-a"), false, List.of("a")));
            subs.add(subscribe(topics, tagTopic, topics.createQueueOk("fan-bc"), false, List.of("b", "c")));
            subs.add(subscribe(topics, tagTopic, topics.createQueueOk("fan-all"), false, List.of()));
            subs.add(subscribe(topics, tagTopic, mixed, false, List.of("d")));
            subs.add(subscribe(topics, routingTopic, topics.createQueueOk("fan-eu"), true, List.of("order.eu.*")));
            subs.add(subscribe(topics, routingTopic, topics.createQueueOk("fan-urgent"), true, List.of("#.urgent")));
            subs.add(subscribe(topics, routingTopic, topics.createQueueOk("fan-orders"), true, List.of("order.#", "*.us.*")));
            subs.add(subscribe(topics, routingTopic, mixed, true, List.of("billing.#")));

            AtomicBoolean killed = new AtomicBoolean();
            Set<String> failuresBeforeKill = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
            try {
                List<Future<?>> publishers = new ArrayList<>();
                for (int t = 0; t < PUBLISHERS; t++) {
                    Account account = ClientFlavor.POST_SHA1.account(child.endpoint(), TestServer.CREDENTIALS);
                    Topic tags = account.getTopic(tagTopic);
                    Topic routes = account.getTopic(routingTopic);
                    int thread = t;
                    publishers.add(pool.submit(() -> storm(thread, tags, routes, subs, killed, failuresBeforeKill,
                            attempted, acked, refused, wrongAnswers)));
                }
                Thread.sleep(STORM.toMillis());
                assertThat(child.isAlive()).as("server alive through the storm; log:\n%s", child.logTail()).isTrue();
                killed.set(true);
                child.kill();
                for (Future<?> p : publishers) {
                    p.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            assertThat(failuresBeforeKill).as("publishes that failed while the server was up").isEmpty();
            checkAfterRestart(dataDir, subs, attempted, acked, refused, wrongAnswers, receiver);
        }
    }

    /** Restarts the server on {@code dataDir} and checks every queue and the HTTP receiver. */
    private static void checkAfterRestart(Path dataDir, List<Sub> subs, Map<String, Published> attempted,
                                          Set<String> acked, Set<String> refused, Set<String> wrongAnswers,
                                          PushReceiver receiver) {
        assertThat(wrongAnswers).as("answers that contradict the filter rules").isEmpty();
        assertThat(acked).as("publishes acknowledged before the kill").hasSizeGreaterThan(100);
        assertThat(refused).as("publishes matching nothing, refused").isNotEmpty();

        try (ChildServer restarted = ChildServer.start(dataDir, ChildServer.freePort(), "always", TestServer.CREDENTIALS)) {
            RawTopics topics = new RawTopics(new RawCmqClient(restarted.endpoint(), TestServer.CREDENTIALS));
            Map<String, Map<String, Integer>> found = new LinkedHashMap<>();
            for (Sub s : subs) {
                if (!found.containsKey(s.queue())) {
                    Map<String, Integer> counts = new HashMap<>();
                    topics.drainQueue(s.queue(), 0, 200_000).forEach(b -> counts.merge(b, 1, Integer::sum));
                    found.put(s.queue(), counts);
                }
            }
            check(subs, found, attempted, acked, refused);

            Set<String> mustPush = new TreeSet<>();
            acked.stream().map(attempted::get).filter(FanOutCrashTest::pushed).forEach(m -> mustPush.add(m.body()));
            await("every matching acknowledged message pushed").atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().stream().map(PushReceiver.Push::bodyText).collect(Collectors.toSet())
                            .containsAll(mustPush));
            List<String> wronglyPushed = receiver.pushes().stream().map(PushReceiver.Push::bodyText)
                    .filter(b -> attempted.get(b) == null || refused.contains(b) || !pushed(attempted.get(b))).toList();
            System.out.printf("fan-out crash: must push=%d pushes=%d%n", mustPush.size(), receiver.pushes().size());
            assertThat(mustPush).as("messages for the HTTP subscription").isNotEmpty();
            assertThat(wronglyPushed).as("pushed but not taken by the HTTP subscription's filter").isEmpty();
        }
    }

    /** Whether the HTTP subscription takes {@code m}. */
    private static boolean pushed(Published m) {
        return !m.routing() && FilterModel.tagsMatch(HTTP_FILTER, m.tags());
    }

    private static Sub subscribe(RawTopics topics, String topic, String queue, boolean routing, List<String> filter) {
        List<String> params = new ArrayList<>();
        for (int i = 0; i < filter.size(); i++) {
            params.add((routing ? "bindingKey." : "filterTag.") + (i + 1));
            params.add(filter.get(i));
        }
        topics.subscribeQueueOk(topic, "to-" + queue, queue, params.toArray(String[]::new));
        return new Sub(queue, routing, filter);
    }

    /** Which queues must hold {@code m}: those of the subscriptions that take it. */
    private static Set<String> expectedQueues(List<Sub> subs, Published m) {
        Set<String> queues = new TreeSet<>();
        for (Sub s : subs) {
            if (s.takes(m)) {
                queues.add(s.queue());
            }
        }
        return queues;
    }

    /**
     * One publisher: random single and batch publishes to both topics with random tags or routing
     * keys and unique bodies, recording what the server acknowledged or refused. Ends at the first
     * failure, expected only once the server is being killed.
     */
    private static Void storm(int thread, Topic tagTopic, Topic routingTopic, List<Sub> subs, AtomicBoolean killed,
                              Set<String> failuresBeforeKill, Map<String, Published> attempted, Set<String> acked,
                              Set<String> refused, Set<String> wrongAnswers) {
        Random random = new Random(thread);
        int n = 0;
        try {
            while (!killed.get() && n < MAX_PUBLISHES_PER_THREAD) {
                boolean routing = random.nextBoolean();
                List<String> tags = routing ? List.of() : randomTags(random);
                String key = routing ? ROUTING_KEYS.get(random.nextInt(ROUTING_KEYS.size())) : null;
                int size = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 1;
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    String body = "p" + thread + "-" + n + "-" + i;
                    bodies.add(body);
                    attempted.put(body, new Published(body, routing, tags, key));
                }
                boolean matches = !expectedQueues(subs, attempted.get(bodies.getFirst())).isEmpty();
                Topic topic = routing ? routingTopic : tagTopic;
                try {
                    if (size == 1 && random.nextBoolean()) {
                        topic.publishMessage(bodies.getFirst(), tags, key);
                    } else {
                        topic.batchPublishMessage(bodies, tags, key);
                    }
                    acked.addAll(bodies);
                    if (!matches) {
                        wrongAnswers.add("acknowledged although nothing matches: " + attempted.get(bodies.getFirst()));
                    }
                } catch (CMQServerException e) {
                    if (Sdk.codeOf(e) != 6030 || matches) {
                        throw e;
                    }
                    refused.addAll(bodies);
                }
                n++;
            }
        } catch (Exception e) {
            if (!killed.get()) {
                failuresBeforeKill.add("publisher " + thread + ": " + e);
            }
        }
        return null;
    }

    private static List<String> randomTags(Random random) {
        List<String> tags = new ArrayList<>();
        for (String t : TAGS) {
            if (random.nextInt(3) == 0) {
                tags.add(t);
            }
        }
        return tags;
    }

    private static void check(List<Sub> subs, Map<String, Map<String, Integer>> found, Map<String, Published> attempted,
                              Set<String> acked, Set<String> refused) {
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        List<String> torn = new ArrayList<>();
        int expectedCopies = 0;
        for (Map.Entry<String, Map<String, Integer>> q : found.entrySet()) {
            q.getValue().forEach((body, count) -> {
                if (count > 1) {
                    duplicated.add(q.getKey() + ": " + body + " x" + count);
                }
                Published m = attempted.get(body);
                if (m == null || refused.contains(body) || !expectedQueues(subs, m).contains(q.getKey())) {
                    misplaced.add(q.getKey() + ": " + (m == null ? body : m));
                }
            });
        }
        for (Published m : attempted.values()) {
            Set<String> expected = expectedQueues(subs, m);
            long present = expected.stream().filter(q -> found.get(q).containsKey(m.body())).count();
            if (acked.contains(m.body())) {
                expectedCopies += expected.size();
                expected.stream().filter(q -> !found.get(q).containsKey(m.body())).forEach(q -> missing.add(q + ": " + m));
            } else if (present != 0 && present != expected.size()) {
                torn.add(m + " in " + present + " of " + expected);
            }
        }
        System.out.printf("fan-out crash: attempted=%d acked=%d refused=%d expected copies=%d found=%d missing=%d"
                        + " duplicated=%d misplaced=%d torn=%d%n",
                attempted.size(), acked.size(), refused.size(), expectedCopies,
                found.values().stream().mapToInt(Map::size).sum(), missing.size(), duplicated.size(), misplaced.size(), torn.size());
        assertThat(missing).as("acknowledged, matching, but not in the queue").isEmpty();
        assertThat(duplicated).as("in a queue more than once").isEmpty();
        assertThat(misplaced).as("in a queue whose filter does not take it, or never published").isEmpty();
        assertThat(torn).as("cut off by the kill but in only some of its queues").isEmpty();
    }
}
