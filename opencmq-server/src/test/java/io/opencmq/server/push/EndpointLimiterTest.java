package io.opencmq.server.push;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-endpoint cap on its own: who starts, who waits, who gives up, and when a lane is forgotten. */
class EndpointLimiterTest {
    private final List<String> log = new ArrayList<>();

    private void submit(EndpointLimiter limiter, String endpoint, String name) {
        limiter.submit(endpoint, () -> log.add("start " + name), why -> log.add("reject " + name + ": " + why));
    }

    @Test
    void startsUpToTheCapThenQueuesInOrder() {
        EndpointLimiter limiter = new EndpointLimiter(2, Long.MAX_VALUE);

        submit(limiter, "a", "1");
        submit(limiter, "a", "2");
        submit(limiter, "a", "3");
        submit(limiter, "a", "4");
        submit(limiter, "b", "5");

        assertThat(log).containsExactly("start 1", "start 2", "start 5");
        assertThat(limiter.active("a")).isEqualTo(2);
        assertThat(limiter.waiting("a")).isEqualTo(2);

        limiter.release("a");
        assertThat(log).endsWith("start 3");
        limiter.release("a");
        assertThat(log).endsWith("start 4");
        assertThat(limiter.active("a")).isEqualTo(2);

        limiter.release("a");
        limiter.release("a");
        assertThat(limiter.active("a")).isZero();
        assertThat(limiter.waiting("a")).isZero();
    }

    @Test
    void aPushThatWaitedTooLongIsRejectedAndTheNextOneStarts() throws Exception {
        EndpointLimiter limiter = new EndpointLimiter(1, 50_000_000L);
        submit(limiter, "a", "1");
        submit(limiter, "a", "2");
        Thread.sleep(120);
        submit(limiter, "a", "3");

        limiter.release("a");

        assertThat(log).hasSize(3);
        assertThat(log.get(1)).startsWith("reject 2: no free connection to a within 50 ms");
        assertThat(log.get(2)).isEqualTo("start 3");
        assertThat(limiter.active("a")).isEqualTo(1);
    }

    @Test
    void drainingHandsBackEveryWaiterAndLeavesTheRunningOnes() {
        EndpointLimiter limiter = new EndpointLimiter(1, Long.MAX_VALUE);
        submit(limiter, "a", "1");
        submit(limiter, "a", "2");
        submit(limiter, "b", "3");
        submit(limiter, "b", "4");

        assertThat(limiter.drainWaiting()).hasSize(2);
        assertThat(limiter.waiting("a")).isZero();
        limiter.release("a");
        assertThat(limiter.active("a")).isZero();
        assertThat(log).containsExactly("start 1", "start 3");
    }
}
