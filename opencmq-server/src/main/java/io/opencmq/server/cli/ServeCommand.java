package io.opencmq.server.cli;

import io.opencmq.server.OpencmqServer;
import io.opencmq.server.ServerConfig;
import io.opencmq.store.FsyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code opencmq serve}: runs a node until SIGTERM or SIGINT, then shuts it down gracefully
 * (parked long polls are answered, requests in flight finish, the store is closed cleanly).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server in the foreground until SIGTERM/SIGINT.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String bind = ServerConfig.DEFAULT_BIND_ADDRESS;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where messages and generated credentials are kept (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--fsync", paramLabel = "POLICY",
            description = "When writes are forced to disk: always, interval or never (default: always)."
                    + " See docs/operations.md for what each can lose.")
    FsyncPolicy fsync = FsyncPolicy.ALWAYS;

    @Option(names = "--fsync-interval-ms", paramLabel = "N",
            description = "Fsync period for --fsync interval (default: ${DEFAULT-VALUE}).")
    long fsyncIntervalMillis = 100;

    @Option(names = "--push-timeout-ms", paramLabel = "N",
            description = "An HTTP push to a subscriber that has no answer within N ms fails and is retried"
                    + " (default: ${DEFAULT-VALUE}, at most " + ServerConfig.MAX_PUSH_TIMEOUT_MILLIS + ").")
    long pushTimeoutMillis = ServerConfig.DEFAULT_PUSH_TIMEOUT_MILLIS;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections accepted at once; more are closed at once (default: ${DEFAULT-VALUE}).")
    int maxConnections = ServerConfig.defaults(Path.of("data")).maxConnections();

    @Option(names = "--max-parked-receives", paramLabel = "N",
            description = "Long-poll receives waiting at once; beyond it a receive answers without waiting"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxParkedReceives = ServerConfig.defaults(Path.of("data")).maxParkedReceives();

    @Override
    public Integer call() throws Exception {
        OpencmqServer server = OpencmqServer.start(config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "opencmq-shutdown"));
        stopped.await();
        return 0;
    }

    /** The server configuration the options describe; everything else keeps its default. */
    ServerConfig config() {
        return ServerConfig.defaults(dataDir)
                .withPort(port)
                .withBindAddress(bind)
                .withFsyncPolicy(fsync)
                .withFsyncIntervalMillis(fsyncIntervalMillis)
                .withPushTimeoutMillis(pushTimeoutMillis)
                .withMaxConnections(maxConnections)
                .withMaxParkedReceives(maxParkedReceives);
    }
}
