package io.opencmq.bench.cmq;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Nonce of every request the bench sends: one process-wide counter from a random start.
 * The server refuses a second request with the same signature (replay cache); random nonces
 * drawn per request, as the official clients do, collide after a few tens of thousands of
 * requests within one second, so a load generator must count instead.
 */
public final class Nonces {
    private static final AtomicLong NEXT = new AtomicLong(new SecureRandom().nextLong(1L << 40, 1L << 52));

    private Nonces() {
    }

    public static long next() {
        return NEXT.getAndIncrement();
    }
}
