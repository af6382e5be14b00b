package io.opencmq.bench.raw;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RawHttpServer} in a child JVM, started with the same JVM options as
 * {@code ./opencmq serve} uses by default, so that the raw yardstick and the server are
 * measured alike (a separate process with its own heap and JIT). The child prints its port on
 * its first line; closing this destroys it.
 */
public final class RawServerProcess implements AutoCloseable {
    static final String READY = "raw HTTP server listening on port ";

    private final Process process;
    private final int port;

    private RawServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RawServerProcess start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50"));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.opencmq.bench.BenchMain", "raw-server", "--port", "0"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith(READY)) {
            p.destroyForcibly();
            throw new IOException("the raw HTTP server did not start: " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard; keeps the child from blocking on a full pipe
                }
            } catch (IOException e) {
                // child gone
            }
        }, "raw-server-output");
        drain.setDaemon(true);
        drain.start();
        return new RawServerProcess(p, Integer.parseInt(line.substring(READY.length()).trim()));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
