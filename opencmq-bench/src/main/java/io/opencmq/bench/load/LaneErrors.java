package io.opencmq.bench.load;

/**
 * Error codes the bench reports besides CMQ's own: HTTP statuses other than 200 are counted
 * as {@code HTTP_BASE + status}; connection trouble has its own codes. None can collide with
 * a CMQ code (those are below 10000). SQS errors are counted by their HTTP status (4xx/5xx).
 */
final class LaneErrors {
    static final int HTTP_BASE = 100_000;
    static final int CONNECTION_CLOSED = 200_001;
    static final int CONNECTION_FAILED = 200_002;
    /** An SQS batch answer (200) with entries under Failed: counted once per answer. */
    static final int BATCH_ENTRY_FAILED = 200_003;
    static final int UNREADABLE_BODY = -1;

    private LaneErrors() {
    }
}
