package io.opencmq.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads CPU time of the load generator, of the server and of the whole machine, so a report
 * can say what each request cost on each side and how busy the machine was with other work.
 *
 * <ul>
 *   <li>Generator, separate server: this process's CPU time (OperatingSystemMXBean), JIT and GC
 *       included.</li>
 *   <li>Generator, embedded server: the CPU time of this process's {@code bench-*} threads
 *       (ThreadMXBean); the server is the rest of the process.</li>
 *   <li>Server in another process: utime + stime from {@code /proc/<pid>/stat}.</li>
 *   <li>Machine: the non-idle time of the {@code cpu} line of {@code /proc/stat}.</li>
 * </ul>
 * The {@code /proc} readings are in clock ticks (10 ms); over seconds-long intervals that is
 * well under one percent.
 */
public final class CpuMeter {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final OptionalLong serverPid;
    private final boolean embedded;
    private final String generatorThreadPrefix;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /**
     * @param serverPid the server process, empty when unknown or embedded
     * @param embedded the server runs in this process
     * @param generatorThreadPrefix names of the generator's threads start with this
     */
    public CpuMeter(OptionalLong serverPid, boolean embedded, String generatorThreadPrefix) {
        this.serverPid = serverPid;
        this.embedded = embedded;
        this.generatorThreadPrefix = generatorThreadPrefix;
    }

    /** A reading; two readings give a {@link CpuUsage}. */
    public record Sample(long wallNanos, long processNanos, long generatorNanos, long serverNanos, long machineBusyNanos) {
        public CpuUsage since(Sample earlier) {
            return new CpuUsage(wallNanos - earlier.wallNanos,
                    generatorNanos - earlier.generatorNanos,
                    serverNanos < 0 || earlier.serverNanos < 0 ? -1 : serverNanos - earlier.serverNanos,
                    machineBusyNanos < 0 || earlier.machineBusyNanos < 0 ? -1 : machineBusyNanos - earlier.machineBusyNanos,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    public Sample sample() {
        long wall = System.nanoTime();
        long process = os.getProcessCpuTime();
        long generator;
        long server;
        if (embedded) {
            generator = generatorThreadsNanos();
            server = process - generator;
        } else {
            generator = process;
            server = serverPid.isPresent() ? processTicks(serverPid.getAsLong()) * NANOS_PER_TICK : -1;
            if (server < 0) {
                server = -1;
            }
        }
        return new Sample(wall, process, generator, server, machineBusyTicks() * NANOS_PER_TICK);
    }

    private long generatorThreadsNanos() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(generatorThreadPrefix)) {
                long cpu = threads.getThreadCpuTime(t.threadId());
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }

    /** utime + stime of a process in ticks, or -1. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces; fields after its ')' are fixed.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Non-idle ticks of all CPUs since boot, or -1. */
    static long machineBusyTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return total - idle;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
