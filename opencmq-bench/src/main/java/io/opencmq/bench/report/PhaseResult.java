package io.opencmq.bench.report;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The measured part of one phase of a run (after warm-up): counts, latencies in microseconds
 * and CPU time. Rates are per second of {@code nanos}.
 *
 * @param roundTrip request round trips (write of the request to read of the response)
 * @param endToEnd per message, send start to arrival at a consumer; empty when nothing was consumed
 * @param errors error counts by code over the whole phase, warm-up included
 */
public record PhaseResult(String name, long nanos, Counts counts, Histogram roundTrip,
                          Histogram endToEnd, CpuUsage cpu, Map<Integer, Long> errors) {

    public double seconds() {
        return nanos / 1e9;
    }

    public double requestsPerSecond() {
        return counts.requests() / seconds();
    }

    public double sentPerSecond() {
        return counts.sent() / seconds();
    }

    public double receivedPerSecond() {
        return counts.received() / seconds();
    }

    /** Generator CPU per request in microseconds. */
    public double generatorMicrosPerRequest() {
        return counts.requests() == 0 ? Double.NaN : cpu.generatorNanos() / 1000.0 / counts.requests();
    }

    /** Server CPU per request in microseconds, or NaN. */
    public double serverMicrosPerRequest() {
        return counts.requests() == 0 || cpu.serverNanos() < 0 ? Double.NaN : cpu.serverNanos() / 1000.0 / counts.requests();
    }
}
