package io.opencmq.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the server's live heap: the heap in use right after a full GC. In process (embedded
 * server) through the MemoryMXBean; for a server in another process through the JDK's
 * {@code jcmd <pid> GC.run} and {@code jcmd <pid> GC.heap_info} (same user, same machine).
 * The difference of two readings is what a workload added.
 */
public final class HeapProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final OptionalLong pid;

    /** @param pid the server process, or empty for this process */
    public HeapProbe(OptionalLong pid) {
        this.pid = pid;
    }

    /** Live heap in bytes, or -1 when it cannot be read. */
    public long liveHeapBytes() {
        if (pid.isEmpty()) {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        try {
            jcmd("GC.run");
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid.getAsLong()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish");
        }
        return out;
    }
}
