package io.opencmq.protocol.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationTest {

    @Test
    void cancellingTheDerivedFutureCancelsItsSource() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<String> derived = Cancellation.forward(source.thenApply(String::valueOf), source);
        derived.cancel(false);
        assertThat(source).isCancelled();
    }

    @Test
    void aCompletedChainIsLeftAlone() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<String> derived = Cancellation.forward(source.thenApply(String::valueOf), source);
        source.complete(7);
        derived.cancel(false);
        assertThat(source).isCompletedWithValue(7);
        assertThat(derived).isCompletedWithValue("7");
    }
}
