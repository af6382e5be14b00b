package io.opencmq.bench.report;

/**
 * CPU time spent during one measured interval, in nanoseconds.
 *
 * @param generatorNanos the load generator: the whole bench process, or only its
 *        {@code bench-*} threads when the server is embedded in it
 * @param serverNanos the server process (or the rest of the bench process when embedded);
 *        -1 when unknown (server process not found)
 * @param machineBusyNanos all CPUs of the machine, everything not idle; -1 when unknown
 * @param machineCores CPUs of the machine
 */
public record CpuUsage(long wallNanos, long generatorNanos, long serverNanos, long machineBusyNanos, int machineCores) {

    /** Cores the generator kept busy on average. */
    public double generatorCores() {
        return (double) generatorNanos / wallNanos;
    }

    /** Cores the server kept busy on average, or NaN. */
    public double serverCores() {
        return serverNanos < 0 ? Double.NaN : (double) serverNanos / wallNanos;
    }

    /**
     * Cores busy with anything else on the machine (other people's builds, the OS), or NaN:
     * the noise in this measurement.
     */
    public double otherCores() {
        if (machineBusyNanos < 0 || serverNanos < 0) {
            return Double.NaN;
        }
        return Math.max(0, (double) (machineBusyNanos - generatorNanos - serverNanos) / wallNanos);
    }
}
