package io.opencmq.core.spi;

/** A message as read back from a {@link MessageStore}; {@code attributes} null when it has none. */
public record StoredMessage(long seq, long enqueueTimeMillis, long visibleAtMillis, byte[] body, byte[] attributes) {
    public StoredMessage(long seq, long enqueueTimeMillis, long visibleAtMillis, byte[] body) {
        this(seq, enqueueTimeMillis, visibleAtMillis, body, null);
    }
}
