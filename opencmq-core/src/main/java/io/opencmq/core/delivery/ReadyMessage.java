package io.opencmq.core.delivery;

/**
 * A message that can be received now, held in a queue's in-memory ready window.
 * {@code body} is null (and {@code enqueueTime} may be -1) when the message must be read
 * back from disk at delivery (with its {@code attributes}), e.g. after its lock expired; {@code dequeueCount} and
 * {@code firstDequeueTime} carry over from earlier receives. {@code attributes} are the stored
 * bytes (see {@link MessageEnvelope}). {@code group} is the FIFO message group when known
 * (null in a standard queue, or until the message is read back). {@code lastLockId} is the lock
 * of the receive that last had the message (0 if none): its receipt handle may still delete it.
 */
public record ReadyMessage(long seq, long enqueueTime, byte[] body, byte[] attributes, int dequeueCount,
                           long firstDequeueTime, String group, long lastLockId) {
}
