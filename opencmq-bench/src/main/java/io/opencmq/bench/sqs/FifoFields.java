package io.opencmq.bench.sqs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two fields every message sent to a FIFO queue carries: a {@code MessageGroupId}, taken
 * round-robin among {@code groups} groups ({@code g0}, {@code g1}, ...), and a
 * {@code MessageDeduplicationId} that no other message of any bench run shares.
 *
 * <p>Both come from one process-wide message number, so the producers of a run walk the groups
 * together (a batch of 10 spans 10 groups when there are that many) and never repeat an id. The
 * id is a random run prefix plus that number in hex: the server remembers ids for five minutes
 * across queues' purges, so a second run counting from zero must not reuse the first run's ids
 * (its sends would be answered as duplicates and store nothing). Explicit ids rather than
 * ContentBasedDeduplication keep the server from hashing every body.
 *
 * <p>Appending writes pre-encoded bytes and sixteen hex digits into a reused array: nothing is
 * allocated per message. Not thread-safe: one per connection.
 */
public final class FifoFields {
    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = Long.toHexString(new SecureRandom().nextLong() | Long.MIN_VALUE);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGITS = 16;

    private final byte[][] groups;
    /** {@code ,"MessageDeduplicationId":"<run>-<16 hex digits>"}; the digits are rewritten per message. */
    private final byte[] dedup;
    private final int digitsAt;

    public FifoFields(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, was " + groups);
        }
        this.groups = new byte[groups][];
        for (int g = 0; g < groups; g++) {
            this.groups[g] = (",\"MessageGroupId\":\"g" + g + "\"").getBytes(StandardCharsets.US_ASCII);
        }
        String before = ",\"MessageDeduplicationId\":\"" + RUN + "-";
        this.dedup = (before + "0".repeat(DIGITS) + "\"").getBytes(StandardCharsets.US_ASCII);
        this.digitsAt = before.length();
    }

    /** Reserves the numbers of the next {@code messages} messages; the first is returned. */
    public long claim(int messages) {
        return NEXT.getAndAdd(messages);
    }

    /** Appends the group and deduplication id of message {@code number} (from {@link #claim}) to an open JSON object. */
    public void append(JsonBody json, long number) {
        json.raw(groups[(int) Long.remainderUnsigned(number, groups.length)]);
        for (int i = 0; i < DIGITS; i++) {
            dedup[digitsAt + i] = HEX[(int) (number >>> (4 * (DIGITS - 1 - i))) & 0xf];
        }
        json.raw(dedup);
    }
}
