package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.limits.QueueLimits;
import io.opencmq.store.FsyncPolicy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link OpencmqServer#start(ServerConfig)} needs to know, as one value. The CLI
 * builds it from flags; tests and embeddings build it from {@link #defaults(Path)} and the
 * {@code with...} copies.
 *
 * @param bindAddress interface to listen on; 127.0.0.1 by default so that a fresh install is
 *        not reachable from the network until someone asks for it
 * @param port TCP port, 0 for an ephemeral one (tests)
 * @param dataDir where the store and the generated credentials live
 * @param fsyncPolicy when the store forces writes to disk; see docs/operations.md for what
 *        each policy can lose
 * @param fsyncIntervalMillis the period of {@link FsyncPolicy#INTERVAL}
 * @param credentials the key pair clients sign with; null means: from the environment
 *        ({@code OPENCMQ_SECRET_ID}/{@code OPENCMQ_SECRET_KEY}), else from the data dir, else
 *        generated there on first start
 * @param maxConnections open client connections beyond this are closed at once
 * @param maxParkedReceives long-poll receives that may wait at once, node-wide
 * @param maxRequestBytes largest request body accepted (CMQ allows 1 MiB messages; the form
 *        encoding around them needs some room)
 * @param maxHeaderBytes largest header block accepted
 * @param idleTimeoutSeconds a connection with no request being answered and no traffic for
 *        this long is closed; must exceed the 30 s long poll with some slack
 * @param requestReadTimeoutSeconds a request whose bytes have started to arrive must be
 *        complete within this time, or the connection is closed (slow senders tie up memory)
 * @param limits the queue limits the broker enforces
 * @param pushTimeoutMillis an HTTP push to a subscriber's endpoint that has no complete answer
 *        within this time is a failed attempt, retried by the subscription's strategy (CMQ
 *        waits about 15 s). At most {@value #MAX_PUSH_TIMEOUT_MILLIS}: an attempt may also
 *        wait this long for a free connection to its endpoint, so it can last twice the
 *        timeout, and that must stay well inside the 60 s for which the engine locks a message
 *        per attempt, or the message could be pushed again while the first attempt still runs
 */
public record ServerConfig(String bindAddress, int port, Path dataDir,
                           FsyncPolicy fsyncPolicy, long fsyncIntervalMillis,
                           Credentials credentials,
                           int maxConnections, int maxParkedReceives, int maxRequestBytes, int maxHeaderBytes,
                           int idleTimeoutSeconds, int requestReadTimeoutSeconds, QueueLimits limits,
                           long pushTimeoutMillis) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8731;
    /** One 1 MiB message plus room for its form encoding and the other parameters. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024 + 64 * 1024;
    public static final long DEFAULT_PUSH_TIMEOUT_MILLIS = 15_000;
    public static final long MAX_PUSH_TIMEOUT_MILLIS = 25_000;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requirePositive("fsyncIntervalMillis", fsyncIntervalMillis);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxParkedReceives", maxParkedReceives);
        requirePositive("maxRequestBytes", maxRequestBytes);
        requirePositive("maxHeaderBytes", maxHeaderBytes);
        requirePositive("idleTimeoutSeconds", idleTimeoutSeconds);
        requirePositive("requestReadTimeoutSeconds", requestReadTimeoutSeconds);
        requirePositive("pushTimeoutMillis", pushTimeoutMillis);
        if (pushTimeoutMillis > MAX_PUSH_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("pushTimeoutMillis must be at most " + MAX_PUSH_TIMEOUT_MILLIS
                    + ", was " + pushTimeoutMillis);
        }
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, dataDir,
                FsyncPolicy.ALWAYS, 100,
                null,
                10_000, 100_000, DEFAULT_MAX_REQUEST_BYTES, 16 * 1024,
                120, 30, QueueLimits.DEFAULT, DEFAULT_PUSH_TIMEOUT_MILLIS);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withBindAddress(String newBindAddress) {
        return new ServerConfig(newBindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withCredentials(Credentials newCredentials) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, newCredentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withFsyncPolicy(FsyncPolicy newPolicy) {
        return new ServerConfig(bindAddress, port, dataDir, newPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withFsyncIntervalMillis(long newInterval) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, newInterval, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withLimits(QueueLimits newLimits) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, newLimits, pushTimeoutMillis);
    }

    public ServerConfig withMaxConnections(int max) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                max, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withMaxParkedReceives(int max) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, max, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withMaxRequestBytes(int max) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, max, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withMaxHeaderBytes(int max) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, max,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withIdleTimeoutSeconds(int seconds) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                seconds, requestReadTimeoutSeconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withRequestReadTimeoutSeconds(int seconds) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, seconds, limits, pushTimeoutMillis);
    }

    public ServerConfig withPushTimeoutMillis(long millis) {
        return new ServerConfig(bindAddress, port, dataDir, fsyncPolicy, fsyncIntervalMillis, credentials,
                maxConnections, maxParkedReceives, maxRequestBytes, maxHeaderBytes,
                idleTimeoutSeconds, requestReadTimeoutSeconds, limits, millis);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
