package io.opencmq.protocol.common;

/**
 * Form text that cannot be decoded: a truncated or invalid percent-escape, or bytes that are
 * not UTF-8. Each protocol turns it into its own error ({@code getMessage()} says what is wrong).
 */
public final class MalformedFormException extends RuntimeException {
    public MalformedFormException(String reason) {
        super(reason, null, false, false);
    }
}
