package io.opencmq.protocol.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The news that the client of one request has gone away (closed its connection) before its
 * answer was written. Only what would otherwise work for nobody listens: a long-poll receive,
 * which then leaves its queue instead of locking the next messages for a receiver that will
 * never read them. Everything else a request asked for is carried out and answered as usual.
 * Thread-safe; each hook runs once, at once if the client is gone already.
 */
public final class ClientDisconnect {

    /** For requests that do not come from a connection (tests, embeddings): never fires. */
    public static final ClientDisconnect NEVER = new ClientDisconnect();

    /** Made on the first hook: one of these exists per request, and most requests add none. */
    private List<Runnable> hooks;
    private boolean gone;

    /** Runs {@code hook} when the client goes away (at once if it has). */
    public void onDisconnect(Runnable hook) {
        if (this == NEVER) {
            return;
        }
        synchronized (this) {
            if (!gone) {
                if (hooks == null) {
                    hooks = new ArrayList<>(1);
                }
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /**
     * A long poll that stops waiting when the client goes away: {@code receive} is cancelled
     * (the core's receive then leaves its queue and takes nothing), and the result is an empty
     * list, as after a wait that found nothing (what a client that only half-closed is told).
     */
    public <T> CompletableFuture<List<T>> endsEmptyOnDisconnect(CompletableFuture<List<T>> receive) {
        onDisconnect(() -> receive.cancel(false));
        return receive.exceptionally(failure -> {
            if (receive.isCancelled()) {
                return List.of();
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    /** The client has gone away: runs the hooks (once). */
    public void disconnected() {
        if (this == NEVER) {
            return;
        }
        List<Runnable> run;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            run = hooks;
            hooks = null;
        }
        if (run != null) {
            run.forEach(Runnable::run);
        }
    }
}
