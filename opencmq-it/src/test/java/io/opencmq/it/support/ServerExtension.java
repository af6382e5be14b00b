package io.opencmq.it.support;

import io.opencmq.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One {@link TestServer} shared by all tests of a class, on a data directory of its own:
 * <pre>
 * &#64;RegisterExtension
 * static final ServerExtension server = new ServerExtension();
 * </pre>
 * It starts before the class's {@code @BeforeAll} methods (so they can open clients with
 * {@link #client}) and stops after its {@code @AfterAll} methods: first the clients it handed
 * out, newest first, then the server, then the data directory is deleted.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig> tweak;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Path dataDir;
    private TestServer server;

    public ServerExtension() {
        this(UnaryOperator.identity());
    }

    /** A server whose test defaults are changed by {@code tweak}, as {@link TestServer#start(Path, UnaryOperator)}. */
    public ServerExtension(UnaryOperator<ServerConfig> tweak) {
        this.tweak = tweak;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("opencmq-it-");
        server = TestServer.start(dataDir, tweak);
    }

    /** The running server, for what needs the {@link TestServer} itself (endpoint, client factories). */
    public TestServer get() {
        if (server == null) {
            // JUnit calls class-level callbacks only for extensions in static fields.
            throw new IllegalStateException("server not started: register the ServerExtension in a static field");
        }
        return server;
    }

    /** Opens a client on the server that is closed when the class is done. */
    public <T extends AutoCloseable> T client(Function<TestServer, T> open) {
        return client(open, c -> {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("client did not close: " + c, e);
            }
        });
    }

    /** As {@link #client(Function)}, for clients that are not {@link AutoCloseable} (AWS SDK v1: {@code shutdown}). */
    public <T> T client(Function<TestServer, T> open, Consumer<T> close) {
        T client = open.apply(get());
        toClose.push(() -> close.accept(client));
        return client;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // Close everything even if one close fails, and report the first failure.
        Exception failure = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            if (server != null) {
                server.close();
                server = null;
            }
            deleteRecursively(dataDir);
        } catch (Exception e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // Deepest first, so every directory is empty by the time it is deleted.
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
