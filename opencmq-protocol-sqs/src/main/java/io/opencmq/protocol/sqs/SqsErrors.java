package io.opencmq.protocol.sqs;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;

/**
 * The one table of SQS errors: every core {@link ErrorReason} and every refusal of the SQS
 * front itself, as (JSON type, query code, HTTP status, fault). Codes follow Amazon's SQS API
 * reference: modeled errors keep their two spellings ({@code QueueDoesNotExist} in JSON,
 * {@code AWS.SimpleQueueService.NonExistentQueue} in the query protocol), common errors
 * ({@code InvalidParameterValue}, {@code SignatureDoesNotMatch}, ...) have one.
 *
 * <p>Where the core's reasons are coarser than SQS's (a stale receipt handle and a forged one
 * are both {@code RECEIPT_HANDLE_INVALID}), the choice is listed in docs/sqs-api-support.md.
 */
public final class SqsErrors {

    /** Longest piece of client-supplied text echoed in a message. */
    private static final int MAX_ECHO = 80;

    private SqsErrors() {
    }

    /** The wire error for a core failure. */
    public static SqsError of(QueueException e) {
        return of(e.reason(), e.detail());
    }

    /** The wire error for a core reason; {@code detail} may be null or empty. */
    public static SqsError of(ErrorReason reason, String detail) {
        return switch (reason) {
            case INVALID_PARAMETER, PARAMETER_OUT_OF_RANGE, EMPTY_MESSAGE_BODY, REWIND_TIME_INVALID,
                 REWIND_EXCEEDS_RETENTION, REWIND_NOT_ENABLED ->
                    sender("InvalidParameterValue", "InvalidParameterValue", 400, text("Invalid parameter value", detail));
            case MESSAGE_TOO_LARGE -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("One or more parameters are invalid. Reason: Message must be shorter than the queue's MaximumMessageSize", detail));
            case INVALID_QUEUE_NAME -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("Invalid queue name (1 to 80 letters, digits, '-' and '_', a FIFO queue's ending in .fifo; "
                            + "names starting with __ are reserved by opencmq)", detail));
            case DEAD_LETTER_POLICY_INVALID -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("Value for parameter RedrivePolicy is invalid", detail));
            case DEAD_LETTER_QUEUE_NOT_FOUND -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("Value for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist", detail));
            case MISSING_PARAMETER -> sender("MissingParameter", "MissingParameter", 400, text("A required parameter is missing", detail));
            case BATCH_SIZE_OUT_OF_RANGE -> tooManyEntries(detail);
            case BATCH_TOO_LARGE -> sender("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400,
                    text("Batch requests cannot be longer than the batch limit", detail));
            case QUEUE_NOT_FOUND -> queueDoesNotExist();
            case QUEUE_ALREADY_EXISTS -> sender("QueueNameExists", "QueueAlreadyExists", 400,
                    text("A queue already exists with the same name and different attributes (opencmq queue names are unique ignoring case)", detail));
            case QUEUE_LIMIT_REACHED -> sender("OverLimit", "OverLimit", 403, text("The number of queues has reached the limit", detail));
            case QUEUE_FULL -> sender("OverLimit", "OverLimit", 403, text("The queue holds its maximum number of messages", detail));
            case RECEIPT_HANDLE_INVALID -> sender("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400,
                    text("The receipt handle is not valid", detail));
            // DeleteMessage(Batch) answers success for a stale handle, as AWS does for standard
            // queues; this code is what ChangeMessageVisibility answers.
            case RECEIPT_HANDLE_STALE -> sender("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400,
                    text("The message is not in flight: its visibility timeout expired, it was received again, or it was deleted", detail));
            // Topic reasons: no SQS action calls a topic operation, so these mean a bug.
            case INVALID_TOPIC_NAME, TOPIC_NOT_FOUND, TOPIC_ALREADY_EXISTS, TOPIC_LIMIT_REACHED, TOPIC_HAS_SUBSCRIPTIONS,
                 TOPIC_HAS_NO_SUBSCRIPTION, NO_MATCHING_SUBSCRIPTION, INVALID_SUBSCRIPTION_NAME, SUBSCRIPTION_NOT_FOUND,
                 SUBSCRIPTION_ALREADY_EXISTS, SUBSCRIPTION_LIMIT_REACHED, INVALID_ENDPOINT, ENDPOINT_HAS_BLANK,
                 QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED, INVALID_TAGS, INVALID_BINDING_KEYS, MISSING_BINDING_KEY,
                 INVALID_ROUTING_KEY, INTERNAL -> internal();
            // The FIFO send rules: the SQS front checks them first with SQS's wording; these rows
            // answer should the core find a breach anyway.
            case MESSAGE_GROUP_REQUIRED -> sender("MissingParameter", "MissingParameter", 400,
                    text("The request must contain the parameter MessageGroupId.", detail));
            case DEDUP_ID_REQUIRED -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly", detail));
            case NOT_FIFO_QUEUE -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("The request includes a parameter that is not valid for this queue type", detail));
            // A dead-letter queue or move destination of the other kind (SQS: "must be same type").
            case QUEUE_KIND_MISMATCH -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("FIFO and standard queues cannot be mixed: a dead-letter queue or a move destination must be of the "
                            + "same type as its source, and a queue's type is fixed", detail));
            // What AWS answers (recorded responses): InvalidParameterValue when the source is no
            // dead-letter queue ("Source queue must be configured as a Dead Letter Queue.") or a
            // task runs already ("There is already a task running..."); the detail says which.
            case MOVE_TASK_NOT_ALLOWED -> sender("InvalidParameterValue", "InvalidParameterValue", 400,
                    text("Invalid parameter value for the message move task", detail));
            case MOVE_TASK_NOT_FOUND -> resourceNotFoundError(text("The specified message move task does not exist", detail));
            // The SDKs count RequestThrottled as throttling: they retry it with backoff.
            case THROTTLED -> sender("RequestThrottled", "RequestThrottled", 400,
                    text("The request was denied due to request throttling", detail));
            case UNAVAILABLE -> new SqsError("ServiceUnavailable", "ServiceUnavailable", 503, false,
                    text("The request has failed due to a temporary failure of the server", detail));
        };
    }

    public static SqsError queueDoesNotExist() {
        return sender("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400,
                "The specified queue does not exist.");
    }

    /** A resource of a message move task (its source or destination queue) that does not exist. */
    public static SqsException resourceNotFound(String message) {
        return refuse(resourceNotFoundError(message));
    }

    private static SqsError resourceNotFoundError(String message) {
        // HTTP 404, as AWS answers it (unlike QueueDoesNotExist, which is a 400).
        return sender("ResourceNotFoundException", "ResourceNotFoundException", 404, message);
    }

    /** A QueueUrl that is not of the form {@code http(s)://host/<account>/<queue>}. */
    public static SqsException invalidAddress(String url) {
        return refuse(sender("InvalidAddress", "InvalidAddress", 404,
                "The address " + echo(url) + " is not valid for this endpoint."));
    }

    public static SqsException queueNameExists(String name) {
        return refuse(sender("QueueNameExists", "QueueAlreadyExists", 400,
                "A queue already exists with the same name and a different value for attribute(s) or a different spelling: " + echo(name)));
    }

    public static SqsException missingParameter(String name) {
        return refuse(sender("MissingParameter", "MissingParameter", 400,
                "The request must contain the parameter " + echo(name) + "."));
    }

    public static SqsException invalidParameterValue(String message) {
        return refuse(sender("InvalidParameterValue", "InvalidParameterValue", 400, message));
    }

    public static SqsException outOfRange(String name, Object value, long min, long max) {
        return invalidParameterValue("Value " + echo(String.valueOf(value)) + " for parameter " + name
                + " is invalid. Reason: Must be between " + min + " and " + max + ".");
    }

    public static SqsException notAnInteger(String name) {
        return invalidParameterValue("Value for parameter " + name + " is invalid. Reason: Must be an integer.");
    }

    public static SqsException invalidAttributeName(String name) {
        return refuse(sender("InvalidAttributeName", "InvalidAttributeName", 400,
                "Unknown Attribute " + echo(name) + "."));
    }

    public static SqsException invalidAttributeValue(String name, String why) {
        return refuse(sender("InvalidAttributeValue", "InvalidAttributeValue", 400,
                "Invalid value for the parameter " + echo(name) + ". Reason: " + why));
    }

    public static SqsException invalidMessageContents(String why) {
        return refuse(sender("InvalidMessageContents", "InvalidMessageContents", 400, why));
    }

    public static SqsException receiptHandleInvalid(String handle) {
        return refuse(sender("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400,
                "The input receipt handle \"" + echo(handle) + "\" is not a valid receipt handle."));
    }

    /** A FIFO queue's answer to a delete with a receipt handle whose lock is over (a standard queue's is success). */
    public static SqsException receiptHandleExpired(String handle) {
        return invalidParameterValue("Value " + echo(handle) + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
    }

    public static SqsException emptyBatch(String entriesName) {
        return refuse(sender("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400,
                "There should be at least one " + entriesName + " in the request."));
    }

    public static SqsException tooManyEntries(int count, int max) {
        return refuse(tooManyEntries("Maximum number of entries per request are " + max + ". You have sent " + count + "."));
    }

    private static SqsError tooManyEntries(String detail) {
        return sender("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400,
                text("Too many entries in the batch request", detail));
    }

    public static SqsException batchEntryIdsNotDistinct(String id) {
        return refuse(sender("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400,
                "Id " + echo(id) + " repeated."));
    }

    public static SqsException invalidBatchEntryId(String id) {
        return refuse(sender("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400,
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: "
                        + echo(id)));
    }

    public static SqsException batchRequestTooLong(long bytes, long max) {
        return refuse(sender("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400,
                "Batch requests cannot be longer than " + max + " bytes. You have sent " + bytes + " bytes."));
    }

    /** An action or a feature opencmq does not offer (yet); {@code what} says which and why. */
    public static SqsException unsupported(String what) {
        return refuse(sender("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, what));
    }

    /** An action name SQS does not have. */
    public static SqsException invalidAction(String action) {
        return refuse(sender("InvalidAction", "InvalidAction", 400,
                "The action or operation requested is invalid: " + echo(action) + "."));
    }

    /**
     * An AWS JSON request whose X-Amz-Target is no {@code AmazonSQS.} operation: what AWS's JSON
     * services answer for a target they do not know.
     */
    public static SqsException unknownOperation(String target) {
        return refuse(sender("UnknownOperationException", "UnknownOperationException", 400,
                "The operation " + echo(target) + " is not an Amazon SQS operation (X-Amz-Target must be AmazonSQS.<Action>)."));
    }

    public static SqsException missingAction() {
        return refuse(sender("MissingAction", "MissingAction", 400, "The request must contain the parameter Action."));
    }

    /** A body that is not JSON (JSON protocol) or not a well-formed form (query protocol). */
    public static SqsException malformedRequest(String why) {
        return refuse(sender("MalformedQueryString", "MalformedQueryString", 400, why));
    }

    public static SqsException serializationError(String why) {
        return refuse(sender("SerializationException", "SerializationException", 400, why));
    }

    // ---- authentication (the codes AWS's common errors use) ----

    public static SqsException missingAuthenticationToken() {
        return refuse(sender("MissingAuthenticationToken", "MissingAuthenticationToken", 403,
                "Request is missing Authentication Token (sign it with AWS Signature Version 4)."));
    }

    public static SqsException incompleteSignature(String why) {
        return refuse(sender("IncompleteSignature", "IncompleteSignature", 400, why));
    }

    public static SqsException invalidClientTokenId() {
        return refuse(sender("InvalidClientTokenId", "InvalidClientTokenId", 403,
                "The security token included in the request is invalid."));
    }

    public static SqsException signatureDoesNotMatch(String why) {
        return refuse(sender("SignatureDoesNotMatch", "SignatureDoesNotMatch", 403, why));
    }

    public static SqsException requestExpired(String why) {
        return refuse(sender("RequestExpired", "RequestExpired", 400, why));
    }

    /** A JSON SendMessageBatch whose body exceeded the server's request size limit. */
    public static SqsError oversizedBatch() {
        return sender("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400,
                "Batch requests cannot be longer than " + SqsLimits.MAX_BATCH_BYTES + " bytes.");
    }

    /** The body exceeded the server's request size limit. */
    public static SqsError requestTooLarge() {
        return sender("RequestEntityTooLarge", "RequestEntityTooLarge", 413, "The request is larger than the server accepts.");
    }

    /** Anything unexpected; the cause is logged, never sent. */
    public static SqsError internal() {
        return new SqsError("InternalFailure", "InternalFailure", 500, false,
                "The request processing has failed because of an unknown error.");
    }

    private static SqsError sender(String code, String queryCode, int status, String message) {
        return new SqsError(code, queryCode, status, true, message);
    }

    private static SqsException refuse(SqsError error) {
        return new SqsException(error);
    }

    private static String text(String text, String detail) {
        return detail == null || detail.isBlank() ? text : text + ": " + detail;
    }

    /** Client text as it may appear in an error message: null spelled out, long text cut. */
    public static String echo(String clientText) {
        if (clientText == null) {
            return "null";
        }
        return clientText.length() <= MAX_ECHO ? clientText : clientText.substring(0, MAX_ECHO) + "...";
    }
}
