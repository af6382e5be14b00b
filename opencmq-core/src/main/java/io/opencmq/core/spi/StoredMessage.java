package io.opencmq.core.spi;

/** A message as read back from a {@link MessageStore}. */
public record StoredMessage(long seq, long enqueueTimeMillis, long visibleAtMillis, byte[] body) {
}
