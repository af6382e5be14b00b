package io.opencmq.protocol.cmq;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;

/**
 * The one table of CMQ error codes: every core {@link ErrorReason} and every refusal of the CMQ
 * front itself, as (code, module, text) following Tencent's published error-code page. Texts
 * keep Tencent's English wording (typos such as "is not existed" included, since people search
 * for them) and append the detail that helps, e.g. the parameter name.
 *
 * <p>Known choices where Tencent's table is ambiguous are listed in docs/cmq-api-support.md.
 */
public final class CmqErrors {

    /** Longest piece of client-supplied text (an action or method name) echoed in a message. */
    private static final int MAX_ECHO = 64;

    private CmqErrors() {
    }

    /** The wire error for a core failure. */
    public static CmqError of(QueueException e) {
        return of(e.reason(), e.detail());
    }

    /** The wire error for a core reason; {@code detail} may be null or empty. */
    public static CmqError of(ErrorReason reason, String detail) {
        return switch (reason) {
            case INVALID_PARAMETER -> error(4000, 10110, "request parameters error", detail);
            case MISSING_PARAMETER -> error(4000, 10010, "lacked of required parameters", detail);
            case PARAMETER_OUT_OF_RANGE -> error(4000, 10350, "parameter value or length is out of range", detail);
            case INVALID_QUEUE_NAME -> error(4000, 10020, "queue name format error", detail);
            case BATCH_SIZE_OUT_OF_RANGE -> error(4000, 10370, "parameter batch size is out of range", detail);
            case EMPTY_MESSAGE_BODY -> error(4000, 10120, "message body can't be empty", detail);
            case MESSAGE_TOO_LARGE -> error(4400, 10230, "exceed maximum message size", detail);
            case BATCH_TOO_LARGE -> error(4470, 10300, "total message size exceed the batch limit", detail);
            case QUEUE_NOT_FOUND -> error(4440, 10100, "queue is not existed, or deleted", detail);
            case QUEUE_ALREADY_EXISTS -> error(4460, 10210, "queue is already existed, case insensitive", detail);
            case QUEUE_LIMIT_REACHED -> error(4450, 10220, "number of queues has reached the limit", detail);
            case QUEUE_FULL -> error(4410, 10240, "reach maximum retention number of message", detail);
            case RECEIPT_HANDLE_INVALID, RECEIPT_HANDLE_STALE -> error(4430, 10260, "receipt handle is invalid", detail);
            case REWIND_NOT_ENABLED -> error(6050, 10670, "your queue cannot be rewinded", detail);
            case REWIND_TIME_INVALID -> error(4000, 10680, "invalid rewind time", detail);
            case REWIND_EXCEEDS_RETENTION ->
                    error(4000, 10700, "rewindSeconds cannot be greater than msgRetentionSeconds", detail);
            case DEAD_LETTER_POLICY_INVALID -> error(4000, 10110, "invalid deadLetterPolicy", detail);
            case DEAD_LETTER_QUEUE_NOT_FOUND -> error(4000, 10730, "deadLetter queue not exist", detail);
            case INVALID_TOPIC_NAME -> error(4000, 10590, "topic name format error", detail);
            case TOPIC_NOT_FOUND -> error(4440, 10600, "topic is not existed, or deleted", detail);
            case TOPIC_ALREADY_EXISTS -> error(4460, 10550, "topic is already existed", detail);
            case TOPIC_LIMIT_REACHED -> error(4450, 10610, "number of topics has reached the limit", detail);
            case TOPIC_HAS_SUBSCRIPTIONS -> error(4000, 10540, "topic has subscriptions, delete them first", detail);
            case TOPIC_HAS_NO_SUBSCRIPTION -> error(6030, 10650, "topic has no subscription", detail);
            case NO_MATCHING_SUBSCRIPTION ->
                    error(6030, 10730, "no bindingKey or filterTag matches the routingKey or msgTag", detail);
            case INVALID_SUBSCRIPTION_NAME -> error(4000, 10580, "subscription name format error", detail);
            case SUBSCRIPTION_NOT_FOUND -> error(4440, 10600, "subscription is not existed, or deleted", detail);
            case SUBSCRIPTION_ALREADY_EXISTS -> error(4490, 10470, "subscription is already existed", detail);
            case SUBSCRIPTION_LIMIT_REACHED -> error(4500, 10480, "number of subscription has reached the limit", detail);
            case INVALID_ENDPOINT -> error(4000, 10500, "endpoint format error", detail);
            case ENDPOINT_HAS_BLANK -> error(4510, 10570, "url cannot contain any blank characters", detail);
            case QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED ->
                    error(4000, 10640, "queue protocol only supports SIMPLIFIED notifyContentFormat", detail);
            case INVALID_TAGS -> error(4000, 10720, "too many msgTag or filterTag, or a tag is too long", detail);
            case MISSING_BINDING_KEY -> error(4000, 10710, "lack of bindingKey", detail);
            case INVALID_BINDING_KEYS -> error(4000, 10680, "bindingKey missing, too many or malformed", detail);
            case INVALID_ROUTING_KEY -> error(4000, 10700, "parameters lack of routingKey, or it is malformed", detail);
            // Reasons only the SQS side can meet today (FIFO queues, message move tasks).
            case MESSAGE_GROUP_REQUIRED, DEDUP_ID_REQUIRED ->
                    error(4000, 10010, "lacked of required parameters", detail);
            case NOT_FIFO_QUEUE, QUEUE_KIND_MISMATCH, MOVE_TASK_NOT_ALLOWED ->
                    error(4000, 10110, "request parameters error", detail);
            case MOVE_TASK_NOT_FOUND -> error(4440, 10100, "message move task is not existed", detail);
            case THROTTLED -> error(6000, 10050, "server busy: too many requests", detail);
            case UNAVAILABLE -> error(6000, 10050, "server internal error: service unavailable", detail);
            case INTERNAL -> error(6000, 10050, "server internal error", detail);
        };
    }

    public static CmqException missingParameter(String name) {
        return refuse(4000, 10390, "lacked of required parameter " + name);
    }

    public static CmqException wrongType(String name) {
        return refuse(4000, 10360, "parameter " + name + " error type");
    }

    public static CmqException outOfRange(String name) {
        return refuse(4000, 10350, "parameter " + name + " value or length is out of range");
    }

    public static CmqException batchSizeOutOfRange(String name, int max) {
        return refuse(4000, 10370, name + " parameter batch size is out of range (1.." + max + ")");
    }

    public static CmqException notConsecutive(String name) {
        return refuse(4000, 10380, name + " parameter is not consequent");
    }

    public static CmqException notRepeatable(String name) {
        return refuse(4000, 10330, "parameter " + echo(name) + " is NOT a repeatable parameter");
    }

    public static CmqException keyFormat(String name) {
        return refuse(4000, 10310, "parameter " + echo(name) + " key format error");
    }

    /** A body or query that is not a well-formed UTF-8 form. */
    public static CmqException cannotParse(String what) {
        return refuse(4000, 10420, "cannot parse " + what);
    }

    /** The body exceeded the server's request size limit. */
    public static CmqError requestTooLarge() {
        return new CmqError(4000, 10420, "cannot parse request, or request size is more than the limit");
    }

    public static CmqError methodNotAllowed(String method) {
        return new CmqError(4000, 10410, "unexpected http " + echo(method) + " only GET or POST is supported");
    }

    public static CmqException actionNotExisted(String action) {
        return refuse(4000, 10430, "action name " + echo(action) + " is not existed");
    }

    public static CmqException authenticationFailed(String why) {
        return refuse(4100, 10030, "authentication failed: " + why);
    }

    public static CmqException secretIdNotExisted() {
        return refuse(4100, 10270, "secret id is not existed");
    }

    public static CmqException deadLetterPolicyInvalid(String why) {
        return new CmqException(of(ErrorReason.DEAD_LETTER_POLICY_INVALID, why));
    }

    /** Subscribe with a protocol other than queue, http or https. */
    public static CmqException undefinedProtocol(String protocol) {
        return refuse(4000, 10510, "undefined protocol " + echo(protocol) + " (queue, http or https)");
    }

    public static CmqException undefinedNotifyStrategy(String strategy) {
        return refuse(4000, 10520, "undefined notify retry strategy " + echo(strategy)
                + " (BACKOFF_RETRY or EXPONENTIAL_DECAY_RETRY)");
    }

    public static CmqException undefinedContentFormat(String format) {
        return refuse(4000, 10530, "undefined content format " + echo(format) + " (JSON or SIMPLIFIED)");
    }

    public static CmqException tooManyFilterTags(int max) {
        return refuse(4000, 10490, "too many filterTag (at most " + max + ")");
    }

    public static CmqException tooManyBindingKeys(int max) {
        return refuse(4000, 10680, "too many bindingKey (at most " + max + ")");
    }

    public static CmqException tooManyMsgTags(int max) {
        return refuse(4000, 10720, "too many msgTag (at most " + max + ")");
    }

    public static CmqError noMessage() {
        return new CmqError(7000, 10200, "no message");
    }

    public static CmqError deletePartiallyFailed() {
        return new CmqError(6010, 10150, "delete message partially failed");
    }

    public static CmqError batchDeleteFailed() {
        return new CmqError(6020, 10290, "batch delete message failed");
    }

    /** Anything unexpected; the cause is logged, never sent. */
    public static CmqError internal() {
        return new CmqError(6000, 10050, "server internal error");
    }

    private static CmqError error(int code, int module, String text, String detail) {
        return new CmqError(code, module, detail == null || detail.isBlank() ? text : text + ": " + detail);
    }

    private static CmqException refuse(int code, int module, String text) {
        return new CmqException(new CmqError(code, module, text));
    }

    private static String echo(String clientText) {
        if (clientText == null) {
            return "null";
        }
        return clientText.length() <= MAX_ECHO ? clientText : clientText.substring(0, MAX_ECHO) + "...";
    }
}
