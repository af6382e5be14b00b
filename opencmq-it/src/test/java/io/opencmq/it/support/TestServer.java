package io.opencmq.it.support;

import com.qcloud.cmq.Account;
import io.opencmq.core.auth.Credentials;
import io.opencmq.server.OpencmqServer;
import io.opencmq.server.ServerConfig;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real opencmq server inside the test JVM on an ephemeral 127.0.0.1 port, plus factories for the
 * clients that talk to it (the official SDK and {@link RawCmqClient}). Tests that need a separate
 * process, to kill it, use {@link ChildServer} instead.
 */
public final class TestServer implements AutoCloseable {

    /** The key pair every test server accepts; the SecretId starts with AKID like Tencent's. */
    public static final Credentials CREDENTIALS = new Credentials("AKIDopencmqIntegrationTests", "opencmq-it-secret-key");

    private final OpencmqServer server;
    private final ServerConfig config;

    private TestServer(OpencmqServer server, ServerConfig config) {
        this.server = server;
        this.config = config;
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** Starts with the test defaults (port 0, test credentials) changed by {@code tweak}. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) {
        ServerConfig config = tweak.apply(ServerConfig.defaults(dataDir)
                .withBindAddress("127.0.0.1")
                .withPort(0)
                .withCredentials(CREDENTIALS));
        try {
            return new TestServer(OpencmqServer.start(config), config);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start on " + dataDir, e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** The endpoint as a client would be configured with it. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The official client with its defaults: POST, HmacSHA1. */
    public Account account() {
        return Sdk.account(endpoint(), CREDENTIALS, "POST", "sha1");
    }

    public RawCmqClient raw() {
        return new RawCmqClient(endpoint(), CREDENTIALS);
    }

    @Override
    public void close() {
        server.close();
    }
}
