package io.opencmq.protocol.sqs.action.message;

/**
 * The SequenceNumber SQS gives FIFO messages: a decimal string that grows with send order. It
 * is the core's sequence number of the message in its queue, zero-padded to 20 digits so that
 * the strings sort as the numbers do (AWS's are long decimal strings too; clients treat them as
 * opaque).
 */
public final class SequenceNumber {

    static final int DIGITS = 20;

    private SequenceNumber() {
    }

    public static String format(long sequenceNumber) {
        if (sequenceNumber < 0) {
            throw new IllegalArgumentException("no sequence number: " + sequenceNumber);
        }
        String digits = Long.toString(sequenceNumber);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}
