package io.opencmq.core.error;

/**
 * The one failure type of the core: a stable {@link ErrorReason} plus a human-readable detail
 * (for example the parameter name). Protocol adapters translate it; they never parse the text.
 */
public final class QueueException extends RuntimeException {
    private final ErrorReason reason;

    public QueueException(ErrorReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public ErrorReason reason() {
        return reason;
    }

    /** The detail text, e.g. the offending parameter's name. */
    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
