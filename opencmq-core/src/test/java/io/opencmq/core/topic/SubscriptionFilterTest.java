package io.opencmq.core.topic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionFilterTest {

    @Test
    void tagsIntersect() {
        assertThat(SubscriptionFilter.tagsMatch(List.of(), List.of())).isTrue();
        assertThat(SubscriptionFilter.tagsMatch(List.of(), List.of("a"))).isTrue();
        assertThat(SubscriptionFilter.tagsMatch(List.of("a", "b"), List.of("c", "b"))).isTrue();
        assertThat(SubscriptionFilter.tagsMatch(List.of("a"), List.of("c"))).isFalse();
        assertThat(SubscriptionFilter.tagsMatch(List.of("a"), List.of())).isFalse();
    }

    @Test
    void starMatchesExactlyOneWord() {
        assertThat(match("a.*.c", "a.b.c")).isTrue();
        assertThat(match("a.*.c", "a.c")).isFalse();
        assertThat(match("a.*.c", "a.b.b.c")).isFalse();
        assertThat(match("*", "a")).isTrue();
        assertThat(match("*", "a.b")).isFalse();
    }

    @Test
    void hashMatchesZeroOrMoreWords() {
        assertThat(match("a.#", "a")).isTrue();
        assertThat(match("a.#", "a.b.c.d")).isTrue();
        assertThat(match("#.d", "a.b.c.d")).isTrue();
        assertThat(match("a.#.d", "a.d")).isTrue();
        assertThat(match("a.#.d", "a.b.c.d")).isTrue();
        assertThat(match("a.#.d", "a.b.c.e")).isFalse();
        assertThat(match("#", "anything.at.all")).isTrue();
        assertThat(match("#.*.#", "x")).isTrue();
    }

    @Test
    void literalWordsMustBeEqualAndAnyBindingKeyMay() {
        assertThat(match("order.created", "order.created")).isTrue();
        assertThat(match("order.created", "order.deleted")).isFalse();
        assertThat(SubscriptionFilter.routingMatches(List.of("x.y", "order.*"), "order.paid")).isTrue();
        assertThat(SubscriptionFilter.routingMatches(List.of(), "order.paid")).isFalse();
        assertThat(SubscriptionFilter.routingMatches(List.of("#"), null)).isFalse();
    }

    @Test
    void manyHashesDoNotBlowUp() {
        String pattern = "#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.z";
        String key = "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.y";
        assertThat(match(pattern, key)).isFalse();
    }

    private static boolean match(String binding, String key) {
        return SubscriptionFilter.routingMatches(List.of(binding), key);
    }
}
