package io.opencmq.protocol.sqs;

/**
 * A request the SQS front refuses before (or instead of) reaching the core: bad parameters,
 * failed authentication, unknown or unsupported action. Carries the wire error; no stack
 * trace, since it is an answer, not a fault.
 */
public final class SqsException extends RuntimeException {
    private final SqsError error;

    public SqsException(SqsError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public SqsError error() {
        return error;
    }
}
