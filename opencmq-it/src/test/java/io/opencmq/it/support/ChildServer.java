package io.opencmq.it.support;

import io.opencmq.core.auth.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The server as a separate JVM started through its command line ({@code io.opencmq.server.cli.Main
 * serve}), so a test can SIGKILL it ({@link #kill()}) the way a crash or an OOM-killer would. The
 * child runs the same classpath and java binary as the test JVM; its output goes to a log file
 * next to the data directory, kept across restarts, and is shown when it fails to come up.
 */
public final class ChildServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private ChildServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a child on {@code port} (see {@link #freePort()}) and waits until {@code /health} answers 200. */
    public static ChildServer start(Path dataDir, int port, String fsync, Credentials credentials) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "io.opencmq.server.cli.Main", "serve",
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--data-dir", dataDir.toString(),
                "--fsync", fsync))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPENCMQ_SECRET_ID", credentials.secretId());
        builder.environment().put("OPENCMQ_SECRET_KEY", credentials.secretKey());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildServer child = new ChildServer(process, port, log);
        child.awaitHealthy(credentials);
        return child;
    }

    /** A port nobody listens on right now (the OS picks it; a tiny race with other processes is accepted). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Credentials credentials) {
        RawCmqClient probe = new RawCmqClient(endpoint(), credentials);
        await("server child on port " + port + " to answer /health")
                .atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server child exited with " + process.exitValue()
                                + " before serving; its log ends with:\n" + logTail());
                    }
                    try {
                        return probe.getStatus("/health") == 200;
                    } catch (UncheckedIOException notYetListening) {
                        return false;
                    }
                });
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no close. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** The last lines the child printed, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Orderly stop (SIGTERM), escalating to SIGKILL if the child does not exit in time. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server child " + process.pid() + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
