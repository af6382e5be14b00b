package io.opencmq.protocol.common;

import java.util.concurrent.CompletableFuture;

/**
 * Cancellation that travels back up a chain of futures. A {@code thenApply} stage does not
 * cancel the stage it came from; when the server gives up on an answer (the client closed its
 * connection during a long poll), each layer forwards the cancel to the future it was built
 * from, down to the core's receive, which then leaves its queue without taking messages.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** Returns {@code derived}, which, when cancelled, cancels {@code source} too. */
    public static <T> CompletableFuture<T> forward(CompletableFuture<T> derived, CompletableFuture<?> source) {
        derived.whenComplete((result, failure) -> {
            if (derived.isCancelled()) {
                source.cancel(false);
            }
        });
        return derived;
    }
}
