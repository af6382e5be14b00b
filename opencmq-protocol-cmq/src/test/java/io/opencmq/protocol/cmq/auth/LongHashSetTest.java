package io.opencmq.protocol.cmq.auth;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LongHashSetTest {

    @Test
    void behavesLikeASetAcrossGrowth() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            // Small values collide a lot; include zero and negatives.
            long v = i % 3 == 0 ? random.nextInt(2_000) - 1_000 : random.nextLong();
            assertThat(set.add(v)).isEqualTo(reference.add(v));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (long v : reference) {
            assertThat(set.contains(v)).isTrue();
        }
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong();
            assertThat(set.contains(v)).isEqualTo(reference.contains(v));
        }
    }

    @Test
    void zeroIsAnOrdinaryMember() {
        LongHashSet set = new LongHashSet();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(1);
    }
}
