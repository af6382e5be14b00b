package io.opencmq.core.engine;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of sends, receives, deletes, clock moves, restarts, rewinds and purges,
 * applied both to the engine and to {@link ReferenceQueue}; after every step the messages
 * returned and the counters must agree. A tiny ready window forces the disk-refill paths.
 */
class ModelBasedTest {
    private static final int VISIBILITY = 20;
    private static final int STEPS = 600;

    /** More seeds for a deeper local run: {@code -Dopencmq.model.seeds=2000}. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("opencmq.model.seeds", 16));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAgreesWithTheModelWithRewind(long seed) {
        run(seed, true);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAgreesWithTheModelWithoutRewind(long seed) {
        run(seed + 1_000_000, false);
    }

    private void run(long seed, boolean rewind) {
        Random rnd = new Random(seed);
        EngineFixture f = new EngineFixture(new BrokerOptions(QueueLimits.DEFAULT.withMinMaxMsgHeapNum(1), 100, 8));
        f.create("q", new QueueSettings(null, null, VISIBILITY, null, 86_400, rewind ? 43_200 : 0, null));
        ReferenceQueue model = new ReferenceQueue(VISIBILITY);
        Map<Long, String> idOfSeq = new HashMap<>();
        Map<String, Long> seqOfId = new HashMap<>();
        List<String> log = new ArrayList<>();
        int bodyCounter = 0;

        for (int step = 0; step < STEPS; step++) {
            int op = rnd.nextInt(100);
            long now = f.clock.millis();
            String what;
            if (op < 30) {
                int n = 1 + rnd.nextInt(3);
                int delay = rnd.nextInt(4) == 0 ? rnd.nextInt(30) : 0;
                List<byte[]> bodies = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String t = "b" + bodyCounter++;
                    texts.add(t);
                    bodies.add(t.getBytes(StandardCharsets.UTF_8));
                }
                var ids = f.broker.send("q", bodies, delay).join();
                for (int i = 0; i < n; i++) {
                    long seq = model.send(texts.get(i), delay, now);
                    idOfSeq.put(seq, ids.get(i).msgId());
                    seqOfId.put(ids.get(i).msgId(), seq);
                }
                what = "send " + texts + " delay " + delay;
            } else if (op < 60) {
                int max = 1 + rnd.nextInt(5);
                List<ReceivedMessage> got = f.broker.receive("q", max, 0).join();
                List<ReferenceQueue.Msg> expected = model.receive(max, now);
                what = "receive " + max + " -> " + got.stream().map(EngineFixture::text).toList();
                log.add(what);
                assertThat(got.stream().map(EngineFixture::text).toList())
                        .as("seed %d step %d: %s", seed, step, log)
                        .isEqualTo(expected.stream().map(m -> m.body).toList());
                for (int i = 0; i < got.size(); i++) {
                    ReferenceQueue.Msg m = expected.get(i);
                    m.handle = got.get(i).receiptHandle();
                    assertThat(got.get(i).dequeueCount()).as("dequeueCount seed %d step %d", seed, step)
                            .isEqualTo(m.dequeueCount);
                    assertThat(seqOfId.get(got.get(i).msgId())).isEqualTo(m.seq);
                    assertThat(got.get(i).nextVisibleTimeMillis()).isEqualTo(now + VISIBILITY * 1000L);
                }
            } else if (op < 80) {
                List<String> handles = model.knownHandles();
                if (handles.isEmpty()) {
                    continue;
                }
                String h = handles.get(rnd.nextInt(handles.size()));
                boolean expectedOk = model.delete(h, now);
                boolean ok;
                try {
                    f.broker.deleteMessage("q", h).join();
                    ok = true;
                } catch (RuntimeException e) {
                    ok = false;
                }
                what = "delete -> " + ok;
                log.add(what);
                assertThat(ok).as("seed %d step %d: %s", seed, step, log).isEqualTo(expectedOk);
            } else if (op < 92) {
                long secs = rnd.nextInt(3) == 0 ? rnd.nextInt(40) : rnd.nextInt(3);
                f.clock.advanceSeconds(secs);
                what = "advance " + secs;
            } else if (op < 95) {
                f.restart();
                model.restart();
                what = "restart";
            } else if (op < 99) {
                if (!rewind) {
                    continue;
                }
                long back = rnd.nextInt((int) Math.min(3_000, (now - EngineFixture.T0) / 1000 + 1)) * 1000L;
                f.broker.rewindQueue("q", now - back).join();
                model.rewind(now - back, now);
                what = "rewind " + back / 1000 + "s";
            } else {
                f.broker.purgeQueue("q").join();
                model.purge();
                what = "purge";
            }
            if (!what.startsWith("receive") && !what.startsWith("delete")) {
                log.add(what);
            }
            if (log.size() > 30) {
                log.remove(0);
            }
            long t = f.clock.millis();
            QueueAttributes a = f.attrs("q");
            assertThat(new long[]{a.activeMsgNum(), a.inactiveMsgNum(), a.delayMsgNum(), a.rewindMsgNum()})
                    .as("counters active/inactive/delay/rewind, seed %d step %d: %s", seed, step, log)
                    .containsExactly(model.active(t), model.inactive(t), model.delayed(t), rewind ? model.deleted() : 0);
        }
    }
}
