package io.opencmq.bench.report;

/**
 * A reading of a run's counters; the difference of two readings gives the counts of an interval.
 *
 * @param emptyReceives receives answered "no message"
 */
public record Counts(long requests, long sent, long received, long deleted, long emptyReceives, long errors) {
    public Counts minus(Counts o) {
        return new Counts(requests - o.requests, sent - o.sent, received - o.received,
                deleted - o.deleted, emptyReceives - o.emptyReceives, errors - o.errors);
    }
}
