package io.opencmq.core.engine;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sends (few groups, recurring deduplication ids), receives, deletes, visibility changes,
 * clock moves and restarts on a FIFO queue with a tiny ready window, checking after every
 * receive the promises of a FIFO queue: a message is only delivered once every earlier message
 * of its group is deleted (or delivered before it in the same receive); never while another
 * message of its group is locked by an earlier receive; a duplicate within five minutes gets
 * the first copy's id; and in the end every distinct message is delivered, none lost.
 */
class FifoPropertyTest {
    private static final int VISIBILITY = 20;
    private static final int STEPS = 500;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("opencmq.model.seeds", 12));
    }

    /** What the test knows of one stored message. */
    private static final class Known {
        final long seq;
        final String group;
        boolean deleted;
        long lockedUntil;
        String handle;

        Known(long seq, String group) {
            this.seq = seq;
            this.group = group;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fifoPromisesHold(long seed) {
        Random rnd = new Random(seed);
        EngineFixture f = new EngineFixture(new BrokerOptions(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1), 100, 4));
        f.create("q.fifo", new QueueSettings(null, null, VISIBILITY, null, 86_400, null, null, null, null,
                new FifoPolicy(rnd.nextBoolean())));
        TreeMap<Long, Known> messages = new TreeMap<>();
        Map<String, SentMessage> firstCopy = new HashMap<>();
        Map<String, Long> firstCopyTime = new HashMap<>();
        List<String> log = new ArrayList<>();
        int counter = 0;

        for (int step = 0; step < STEPS; step++) {
            int op = rnd.nextInt(100);
            long now = f.clock.millis();
            if (op < 35) {
                String group = "g" + rnd.nextInt(4);
                String dedup = "d" + rnd.nextInt(40);
                String key = dedup; // the test only checks ids that agree in both scopes
                SentMessage sent = f.broker.sendMessages("q.fifo", List.of(new OutgoingMessage(
                        ("m" + counter++).getBytes(StandardCharsets.UTF_8), null, OutgoingMessage.QUEUE_DELAY, group, dedup)))
                        .join().get(0);
                log.add(step + ": send " + group + "/" + dedup + " -> " + sent.sequenceNumber());
                SentMessage earlier = firstCopy.get(key + "/" + group);
                Long earlierTime = firstCopyTime.get(key + "/" + group);
                if (earlier != null && now - earlierTime < EngineFixture_DEDUP - 1_000 && sameScopeHit(messages, earlier, group)) {
                    assertThat(sent).as("duplicate within the window, log %s", log).isEqualTo(earlier);
                }
                if (!messages.containsKey(sent.sequenceNumber())) {
                    messages.put(sent.sequenceNumber(), new Known(sent.sequenceNumber(), group));
                    firstCopy.put(key + "/" + group, sent);
                    firstCopyTime.put(key + "/" + group, now);
                }
            } else if (op < 65) {
                int max = 1 + rnd.nextInt(5);
                List<ReceivedMessage> got = f.broker.receive("q.fifo", max, 0).join();
                log.add(step + ": receive " + max + " -> " + got.stream().map(ReceivedMessage::sequenceNumber).toList());
                checkDelivery(got, messages, now, log);
                for (ReceivedMessage m : got) {
                    Known k = messages.get(m.sequenceNumber());
                    k.lockedUntil = m.nextVisibleTimeMillis();
                    k.handle = m.receiptHandle();
                }
            } else if (op < 85) {
                List<Known> held = messages.values().stream()
                        .filter(k -> !k.deleted && k.handle != null && k.lockedUntil > now).toList();
                if (!held.isEmpty()) {
                    Known k = held.get(rnd.nextInt(held.size()));
                    if (rnd.nextInt(4) == 0) {
                        f.broker.changeMessageVisibility("q.fifo", k.handle, 0).join();
                        k.lockedUntil = 0;
                        log.add(step + ": release " + k.seq);
                    } else {
                        f.broker.deleteMessage("q.fifo", k.handle).join();
                        k.deleted = true;
                        log.add(step + ": delete " + k.seq);
                    }
                }
            } else if (op < 97) {
                int seconds = 1 + rnd.nextInt(30);
                f.clock.advanceSeconds(seconds);
                f.broker.housekeep();
                log.add(step + ": +" + seconds + "s");
            } else {
                f.restart();
                messages.values().forEach(k -> {
                    k.lockedUntil = 0;
                    k.handle = null;
                });
                log.add(step + ": restart");
            }
        }
        // Drain: every message not deleted comes out, group by group in order.
        f.clock.advanceSeconds(VISIBILITY + 1);
        for (int round = 0; round < 1_000 && messages.values().stream().anyMatch(k -> !k.deleted); round++) {
            long now = f.clock.millis();
            List<ReceivedMessage> got = f.broker.receive("q.fifo", 10, 0).join();
            checkDelivery(got, messages, now, log);
            for (ReceivedMessage m : got) {
                f.broker.deleteMessage("q.fifo", m.receiptHandle()).join();
                messages.get(m.sequenceNumber()).deleted = true;
            }
        }
        assertThat(messages.values()).as("log %s", log).allSatisfy(k -> assertThat(k.deleted).isTrue());
    }

    private static final long EngineFixture_DEDUP = QueueEngine.DEDUP_WINDOW_MILLIS;

    /** Whether the earlier send is a hit in either dedup scope (same id; per group: same group too). */
    private static boolean sameScopeHit(TreeMap<Long, Known> messages, SentMessage earlier, String group) {
        Known k = messages.get(earlier.sequenceNumber());
        return k != null && k.group.equals(group);
    }

    private static void checkDelivery(List<ReceivedMessage> got, TreeMap<Long, Known> messages, long now, List<String> log) {
        Set<Long> inThisReceive = new HashSet<>();
        for (ReceivedMessage m : got) {
            Known k = messages.get(m.sequenceNumber());
            assertThat(k).as("unknown message %s, log %s", m.sequenceNumber(), log).isNotNull();
            assertThat(m.groupId()).isEqualTo(k.group);
            assertThat(k.deleted).as("deleted message %s delivered, log %s", k.seq, log).isFalse();
            for (Known other : messages.values()) {
                if (other.seq == k.seq || !other.group.equals(k.group)) {
                    continue;
                }
                if (other.seq < k.seq) {
                    assertThat(other.deleted || inThisReceive.contains(other.seq))
                            .as("%s delivered before earlier %s of group %s, log %s", k.seq, other.seq, k.group, log)
                            .isTrue();
                }
                boolean lockedByEarlierReceive = !other.deleted && other.handle != null && other.lockedUntil > now
                        && !inThisReceive.contains(other.seq);
                assertThat(lockedByEarlierReceive)
                        .as("%s delivered while %s of group %s is locked, log %s", k.seq, other.seq, k.group, log)
                        .isFalse();
            }
            inThisReceive.add(k.seq);
        }
    }
}
