package io.opencmq.bench.load;

import io.opencmq.bench.report.Counts;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection of one load run reports into: counters that many event-loop threads
 * add to, and two latency recorders in microseconds (request round trip; send start to
 * receipt of the same message). The progress thread reads interval snapshots from here.
 * Thread-safe.
 */
public final class LoadStats {
    /** Latencies are recorded in microseconds up to one minute, with 3 significant digits. */
    static final long MAX_MICROS = 60_000_000L;

    final LongAdder requests = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder deleted = new LongAdder();
    final LongAdder emptyReceives = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final Map<Integer, LongAdder> errorCodes = new ConcurrentHashMap<>();
    final Recorder roundTrip = new Recorder(MAX_MICROS, 3);
    final Recorder endToEnd = new Recorder(MAX_MICROS, 3);

    void error(int code) {
        errors.increment();
        errorCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void roundTrip(long nanos) {
        roundTrip.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    void endToEnd(long nanos) {
        endToEnd.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    public Counts counts() {
        return new Counts(requests.sum(), sent.sum(), received.sum(), deleted.sum(), emptyReceives.sum(), errors.sum());
    }

    /** Error counts by code (CMQ code, or HTTP status + 100000 for non-200 answers, or -1 unreadable). */
    public Map<Integer, Long> errorCodes() {
        Map<Integer, Long> m = new TreeMap<>();
        errorCodes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
