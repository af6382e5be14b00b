package io.opencmq.protocol.cmq;

/**
 * A request the CMQ front refuses before (or instead of) reaching the core: bad parameters,
 * failed authentication, unknown action. Carries the wire error; no stack trace, since it is
 * an answer, not a fault.
 */
public final class CmqException extends RuntimeException {
    private final CmqError error;

    public CmqException(CmqError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public CmqError error() {
        return error;
    }
}
