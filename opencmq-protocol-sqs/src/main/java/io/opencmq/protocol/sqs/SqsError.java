package io.opencmq.protocol.sqs;

/**
 * One SQS error as it goes on the wire, in both protocols.
 *
 * @param code the JSON protocol's error type, the part after '#' in {@code __type} (e.g.
 *        {@code QueueDoesNotExist}); the AWS SDKs pick the exception class by it
 * @param queryCode the query protocol's {@code <Code>} (e.g.
 *        {@code AWS.SimpleQueueService.NonExistentQueue}); JSON answers carry it too, in the
 *        {@code x-amzn-query-error} header, because SQS is "query compatible"
 * @param httpStatus the HTTP status of the answer
 * @param senderFault true when the client is to blame ({@code Sender}), false for the server
 *        ({@code Receiver})
 * @param message the English text, detail included
 */
public record SqsError(String code, String queryCode, int httpStatus, boolean senderFault, String message) {

    /** "Sender" or "Receiver", as in the query protocol's {@code <Type>}. */
    public String faultType() {
        return senderFault ? "Sender" : "Receiver";
    }

    /** The same error with another message. */
    public SqsError withMessage(String newMessage) {
        return new SqsError(code, queryCode, httpStatus, senderFault, newMessage);
    }
}
