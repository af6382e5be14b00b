package io.opencmq.server;

import io.opencmq.core.auth.Credentials;

/**
 * The key pair the server verifies signatures with, and where it came from (logged at start so
 * an operator knows which source won; the key itself is never logged).
 */
public record ResolvedCredentials(Credentials credentials, Origin origin) {

    public enum Origin {
        /** Passed in {@link ServerConfig#credentials()}. */
        CONFIG,
        /** {@code OPENCMQ_SECRET_ID} and {@code OPENCMQ_SECRET_KEY}. */
        ENVIRONMENT,
        /** {@code credentials.properties} in the data dir, written by an earlier start. */
        DATA_DIR,
        /** Made up on this start and written to the data dir. */
        GENERATED
    }
}
