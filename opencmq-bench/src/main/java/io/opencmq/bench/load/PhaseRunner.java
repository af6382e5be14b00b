package io.opencmq.bench.load;

import io.opencmq.bench.report.Counts;
import io.opencmq.bench.report.CpuMeter;
import io.opencmq.bench.report.PhaseResult;
import io.opencmq.bench.report.ReportFormatter;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one phase of load on already connected lanes: starts them, prints a progress line
 * every second, discards the warm-up, measures until the duration is over or {@code done}
 * says so, then stops the lanes (requests still outstanding are not counted). Bounded in
 * time in every case.
 */
public final class PhaseRunner {
    private final CpuMeter cpu;
    private final PrintStream progress;

    public PhaseRunner(CpuMeter cpu, PrintStream progress) {
        this.cpu = cpu;
        this.progress = progress;
    }

    /**
     * @param warmupSeconds seconds of load before measuring starts (0 for count-bounded phases)
     * @param maxSeconds measured seconds at most
     * @param done checked every 100 ms; true ends the phase early (e.g. a drained queue)
     */
    public PhaseResult run(String name, LoadStats stats, List<Lane> lanes, double warmupSeconds, double maxSeconds,
                           BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureUntil = measureFrom + (long) (maxSeconds * 1e9);
        Histogram roundTrip = new Histogram(LoadStats.MAX_MICROS, 3);
        Histogram endToEnd = new Histogram(LoadStats.MAX_MICROS, 3);
        Counts base = null;
        CpuMeter.Sample cpuBase = null;
        Map<Integer, Long> errorsBefore = stats.errorCodes();

        for (Lane lane : lanes) {
            lane.start();
        }
        Counts lastCounts = stats.counts();
        CpuMeter.Sample lastCpu = cpu.sample();
        long nextTick = start + 1_000_000_000L;
        long now = start;
        while (true) {
            Thread.sleep(100);
            now = System.nanoTime();
            boolean finished = (base != null && now >= measureUntil) || (base != null && done.getAsBoolean());
            if (base == null && now >= measureFrom) {
                base = stats.counts();
                cpuBase = cpu.sample();
                stats.roundTrip.getIntervalHistogram();
                stats.endToEnd.getIntervalHistogram();
                measureFrom = now;
                measureUntil = now + (long) (maxSeconds * 1e9);
            }
            if (now >= nextTick || finished) {
                Counts c = stats.counts();
                CpuMeter.Sample s = cpu.sample();
                Histogram rt = stats.roundTrip.getIntervalHistogram();
                Histogram e2e = stats.endToEnd.getIntervalHistogram();
                if (base != null) {
                    roundTrip.add(rt);
                    endToEnd.add(e2e);
                }
                printProgress(name, now - start, base == null, c.minus(lastCounts), s.since(lastCpu), rt);
                lastCounts = c;
                lastCpu = s;
                nextTick += 1_000_000_000L;
            }
            if (finished) {
                break;
            }
        }
        Counts end = lastCounts;
        CpuMeter.Sample cpuEnd = lastCpu;
        for (Lane lane : lanes) {
            lane.stop();
        }
        Map<Integer, Long> errors = new HashMap<>(stats.errorCodes());
        errorsBefore.forEach((code, n) -> errors.merge(code, -n, Long::sum));
        errors.values().removeIf(n -> n == 0);
        return new PhaseResult(name, cpuEnd.wallNanos() - cpuBase.wallNanos(), end.minus(base),
                roundTrip, endToEnd, cpuEnd.since(cpuBase), new java.util.TreeMap<>(errors));
    }

    private void printProgress(String name, long elapsedNanos, boolean warmup, Counts d,
                               io.opencmq.bench.report.CpuUsage u, Histogram rt) {
        double secs = u.wallNanos() / 1e9;
        progress.printf(Locale.ROOT, "[%s%s] %4.0fs  req %,9.0f/s  sent %,9.0f/s  recv %,9.0f/s  rtt %s  err %d  cores: gen %.2f srv %s other %s%n",
                name, warmup ? " warm-up" : "", elapsedNanos / 1e9,
                d.requests() / secs, d.sent() / secs, d.received() / secs,
                ReportFormatter.latencyLine(rt), d.errors(),
                u.generatorCores(),
                Double.isNaN(u.serverCores()) ? "n/a" : String.format(Locale.ROOT, "%.2f", u.serverCores()),
                Double.isNaN(u.otherCores()) ? "n/a" : String.format(Locale.ROOT, "%.2f", u.otherCores()));
    }
}
