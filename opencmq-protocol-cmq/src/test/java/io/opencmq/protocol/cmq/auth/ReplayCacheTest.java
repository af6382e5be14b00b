package io.opencmq.protocol.cmq.auth;

import org.junit.jupiter.api.Test;

import static io.opencmq.protocol.cmq.auth.ReplayCache.Verdict.ACCEPTED;
import static io.opencmq.protocol.cmq.auth.ReplayCache.Verdict.EVICTED;
import static io.opencmq.protocol.cmq.auth.ReplayCache.Verdict.OUTSIDE_WINDOW;
import static io.opencmq.protocol.cmq.auth.ReplayCache.Verdict.REPLAYED;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayCacheTest {
    private static final long NOW = 1_000_000;

    @Test
    void refusesASecondCopyWhileTheTimestampIsAcceptable() {
        ReplayCache cache = new ReplayCache(300, 100);
        assertThat(cache.admit(NOW, 42, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW, 42, NOW)).isEqualTo(REPLAYED);
        assertThat(cache.admit(NOW, 42, NOW + 300)).isEqualTo(REPLAYED);
        assertThat(cache.admit(NOW, 43, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW + 1, 42, NOW)).isEqualTo(ACCEPTED);
        // Once the timestamp is out of the window the copy is refused for that reason instead.
        assertThat(cache.admit(NOW, 42, NOW + 301)).isEqualTo(OUTSIDE_WINDOW);
    }

    @Test
    void timestampsOutsideTheWindowEitherWayAreRefused() {
        ReplayCache cache = new ReplayCache(300, 100);
        assertThat(cache.admit(NOW - 301, 1, NOW)).isEqualTo(OUTSIDE_WINDOW);
        assertThat(cache.admit(NOW + 301, 2, NOW)).isEqualTo(OUTSIDE_WINDOW);
        assertThat(cache.admit(NOW - 300, 3, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW + 300, 4, NOW)).isEqualTo(ACCEPTED);
    }

    @Test
    void expiredSecondsAreForgotten() {
        ReplayCache cache = new ReplayCache(10, 100);
        for (int i = 0; i < 5; i++) {
            cache.admit(NOW, i, NOW);
        }
        assertThat(cache.size()).isEqualTo(5);
        cache.admit(NOW + 11, 99, NOW + 11);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void whenFullTheOldestSecondsAreEvictedAndTheWindowShrinks() {
        ReplayCache cache = new ReplayCache(300, 4);
        assertThat(cache.admit(NOW - 100, 1, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW - 100, 2, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW - 50, 3, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW, 4, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.oldestAcceptedSecond(NOW)).isEqualTo(NOW - 300);

        // Full: the bucket of NOW-100 goes, and with it every timestamp up to NOW-100.
        assertThat(cache.admit(NOW, 5, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.oldestAcceptedSecond(NOW)).isEqualTo(NOW - 99);
        // The forgotten requests cannot be replayed: fail closed.
        assertThat(cache.admit(NOW - 100, 1, NOW)).isEqualTo(EVICTED);
        assertThat(cache.admit(NOW - 200, 77, NOW)).isEqualTo(EVICTED);
        // Newer remembered ones are still caught as replays.
        assertThat(cache.admit(NOW - 50, 3, NOW)).isEqualTo(REPLAYED);
        assertThat(cache.admit(NOW - 99, 6, NOW)).isEqualTo(ACCEPTED);
    }

    @Test
    void aRequestWhoseOwnSecondMustBeEvictedIsRefused() {
        ReplayCache cache = new ReplayCache(300, 2);
        assertThat(cache.admit(NOW, 1, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW, 2, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW, 3, NOW)).isEqualTo(EVICTED);
        assertThat(cache.admit(NOW, 1, NOW)).isEqualTo(EVICTED);
        assertThat(cache.size()).isZero();
        assertThat(cache.admit(NOW + 1, 1, NOW + 1)).isEqualTo(ACCEPTED);
    }

    @Test
    void theShrunkWindowRecoversAsTimeMovesOn() {
        ReplayCache cache = new ReplayCache(10, 1);
        assertThat(cache.admit(NOW, 1, NOW)).isEqualTo(ACCEPTED);
        assertThat(cache.admit(NOW + 1, 2, NOW + 1)).isEqualTo(ACCEPTED);
        assertThat(cache.oldestAcceptedSecond(NOW + 1)).isEqualTo(NOW + 1);
        assertThat(cache.oldestAcceptedSecond(NOW + 20)).isEqualTo(NOW + 10);
    }
}
