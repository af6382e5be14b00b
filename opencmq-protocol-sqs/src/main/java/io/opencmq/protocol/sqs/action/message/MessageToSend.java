package io.opencmq.protocol.sqs.action.message;

import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message of a SendMessage or of a SendMessageBatch entry, checked as SQS checks it:
 * MessageBody (1 character at least, only the characters SQS allows), DelaySeconds (0–900;
 * absent = the queue's), MessageAttributes (at most 10, names and types by SQS's rules, values
 * of their type), MessageSystemAttributes (AWSTraceHeader only), MessageGroupId and
 * MessageDeduplicationId (1–128 letters, digits and punctuation). {@link #check} then applies
 * the rules of the queue it goes to: size, and for a FIFO queue a group id, a deduplication id
 * unless the queue has ContentBasedDeduplication, and no DelaySeconds of its own.
 *
 * @param delaySeconds null when not given (the queue's DelaySeconds applies)
 * @param groupId null when not given; on a standard queue it is kept and returned on receive
 *                (SQS "fair queues") but orders nothing
 * @param dedupId null when not given
 */
public record MessageToSend(String body, Integer delaySeconds, List<MessageAttribute> attributes,
                            List<MessageAttribute> systemAttributes, String groupId, String dedupId) {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    public static MessageToSend parse(SqsParams params) {
        if (!params.has("MessageBody")) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        String body = params.string("MessageBody");
        if (body.isEmpty()) {
            throw SqsErrors.invalidParameterValue("The request must contain a non-empty MessageBody.");
        }
        checkCharacters(body, "the message body");
        String groupId = fifoId(params, "MessageGroupId");
        String dedupId = fifoId(params, "MessageDeduplicationId");
        Integer delay = params.optionalInt("DelaySeconds", 0, SqsLimits.MAX_DELAY_SECONDS);
        List<MessageAttribute> user = attributes(params.structMap("MessageAttributes"), "Message");
        if (user.size() > SqsLimits.MAX_MESSAGE_ATTRIBUTES) {
            throw SqsErrors.invalidParameterValue("Number of message attributes [" + user.size()
                    + "] exceeds the allowed maximum [" + SqsLimits.MAX_MESSAGE_ATTRIBUTES + "].");
        }
        List<MessageAttribute> system = attributes(params.structMap("MessageSystemAttributes"), "Message system");
        for (MessageAttribute a : system) {
            if (!a.name().equals("AWSTraceHeader")) {
                throw SqsErrors.invalidParameterValue("Message system attribute name '" + a.name()
                        + "' is invalid (only AWSTraceHeader can be sent).");
            }
            if (!a.dataType().equals("String")) {
                throw SqsErrors.invalidParameterValue("Message system attribute AWSTraceHeader must be of type String.");
            }
        }
        return new MessageToSend(body, delay, user, system, groupId, dedupId);
    }

    /** A FIFO id parameter, or null when absent; present but malformed is InvalidParameterValue. */
    static String fifoId(SqsParams params, String name) {
        String value = params.string(name);
        if (value != null && !SqsLimits.FIFO_ID.matcher(value).matches()) {
            throw SqsErrors.invalidParameterValue("Value " + SqsErrors.echo(value) + " for parameter " + name
                    + " is invalid. Reason: " + name + " can only include alphanumeric and punctuation characters. 1 to "
                    + SqsLimits.MAX_FIFO_ID_LENGTH + " in length.");
        }
        return value;
    }

    /** What SQS counts against MaximumMessageSize: the body and every message attribute. */
    public int size() {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (MessageAttribute a : attributes) {
            size += a.size();
        }
        return size;
    }

    /**
     * The message for the core, sent to {@code queue} (after {@link #check}). On a FIFO queue the
     * queue's DelaySeconds applies, and without a MessageDeduplicationId a ContentBasedDeduplication
     * queue gets the SHA-256 of the body.
     */
    public OutgoingMessage toOutgoing(TargetQueue queue) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String dedup = dedupId;
        if (dedup == null && queue.fifo() && queue.contentBasedDeduplication()) {
            dedup = contentDeduplicationId(bytes);
        }
        int delay = delaySeconds == null || queue.fifo() ? OutgoingMessage.QUEUE_DELAY : delaySeconds;
        return new OutgoingMessage(bytes, AttributeCodec.encode(attributes, systemAttributes), delay, groupId, dedup);
    }

    /** SQS's content-based deduplication id: the hex SHA-256 of the body (attributes do not count). */
    static String contentDeduplicationId(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Refuses a message {@code queue} does not take: too large, or breaking the FIFO rules. */
    public void check(TargetQueue queue) {
        checkSize(queue.maxMessageSize());
        if (queue.fifo()) {
            if (groupId == null) {
                throw SqsErrors.missingParameter("MessageGroupId");
            }
            if (dedupId == null && !queue.contentBasedDeduplication()) {
                throw SqsErrors.invalidParameterValue("The queue should either have ContentBasedDeduplication enabled or "
                        + "MessageDeduplicationId provided explicitly.");
            }
            // A FIFO queue has only its own delay. An explicit 0 asks for nothing and is let
            // through, so clients that always send the field work.
            if (delaySeconds != null && delaySeconds != 0) {
                throw notForThisQueueType("DelaySeconds", delaySeconds.toString());
            }
        } else if (dedupId != null) {
            throw notForThisQueueType("MessageDeduplicationId", dedupId);
        }
    }

    private static RuntimeException notForThisQueueType(String name, String value) {
        return SqsErrors.invalidParameterValue("Value " + SqsErrors.echo(value) + " for parameter " + name
                + " is invalid. Reason: The request includes a parameter that is not valid for this queue type.");
    }

    /** Refuses a message larger than the queue allows. */
    void checkSize(int maxMessageSize) {
        int size = size();
        if (size > maxMessageSize) {
            throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than "
                    + maxMessageSize + " bytes (it has " + size + ", body and attributes together).");
        }
    }

    private static List<MessageAttribute> attributes(Map<String, SqsParams> given, String kind) {
        List<MessageAttribute> out = new ArrayList<>(given.size());
        for (Map.Entry<String, SqsParams> e : given.entrySet()) {
            String name = e.getKey();
            SqsParams value = e.getValue();
            checkName(name, kind);
            String type = value.string("DataType");
            if (type == null || type.isEmpty()) {
                throw SqsErrors.invalidParameterValue(kind + " attribute '" + name + "' must contain a non-empty attribute type.");
            }
            if (type.length() > SqsLimits.MAX_ATTRIBUTE_TYPE_LENGTH) {
                throw SqsErrors.invalidParameterValue(kind + " attribute '" + name + "' has a data type longer than "
                        + SqsLimits.MAX_ATTRIBUTE_TYPE_LENGTH + " characters.");
            }
            checkCharacters(type, "the data type of " + kind.toLowerCase(Locale.ROOT) + " attribute '" + name + "'");
            if (value.has("StringListValues") || value.has("BinaryListValues")) {
                throw SqsErrors.invalidParameterValue(kind + " attribute list values are not supported (neither by SQS).");
            }
            // Whatever the type, only one value counts for the MD5 SQS answers; with both, the
            // client's own MD5 of what it sent could not match, so SQS refuses the pair.
            if (value.has("StringValue") && value.has("BinaryValue")) {
                throw SqsErrors.invalidParameterValue(kind + " attribute '" + name
                        + "' must have either a StringValue or a BinaryValue, not both.");
            }
            String base = MessageAttribute.baseType(type);
            switch (base) {
                case "String", "Number" -> {
                    String s = value.string("StringValue");
                    if (s == null || s.isEmpty()) {
                        throw SqsErrors.invalidParameterValue(kind + " attribute '" + name
                                + "' must contain a non-empty value of type '" + base + "'.");
                    }
                    checkCharacters(s, kind.toLowerCase(Locale.ROOT) + " attribute '" + name + "'");
                    if (base.equals("Number")) {
                        checkNumber(name, s, kind);
                    }
                    out.add(new MessageAttribute(name, type, s, null));
                }
                case "Binary" -> {
                    String b64 = value.string("BinaryValue");
                    byte[] bytes;
                    try {
                        bytes = b64 == null ? null : Base64.getMimeDecoder().decode(b64);
                    } catch (IllegalArgumentException ex) {
                        throw SqsErrors.invalidParameterValue(kind + " attribute '" + name + "': BinaryValue is not Base64.");
                    }
                    if (bytes == null || bytes.length == 0) {
                        throw SqsErrors.invalidParameterValue(kind + " attribute '" + name
                                + "' must contain a non-empty value of type 'Binary'.");
                    }
                    out.add(new MessageAttribute(name, type, null, bytes));
                }
                default -> throw SqsErrors.invalidParameterValue("The type of " + kind.toLowerCase(Locale.ROOT) + " attribute '"
                        + name + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
            }
        }
        return out;
    }

    private static void checkName(String name, String kind) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsErrors.invalidParameterValue(kind + " attribute name '" + name + "' is invalid: 1 to 256 of letters, digits, "
                    + "'_', '-' and '.', not starting or ending with '.', no '..', not starting with 'AWS.' or 'Amazon.'.");
        }
    }

    /** SQS numbers: up to 38 significant digits, magnitude from 10^-128 to 10^126. */
    private static void checkNumber(String name, String text, String kind) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw SqsErrors.invalidParameterValue("Can't parse value of " + kind.toLowerCase(Locale.ROOT) + " attribute '" + name
                    + "' as a number.");
        }
        BigDecimal abs = n.abs().stripTrailingZeros();
        if (abs.signum() != 0 && (abs.precision() > 38 || abs.compareTo(new BigDecimal("1E126")) > 0
                || abs.compareTo(new BigDecimal("1E-128")) < 0)) {
            throw SqsErrors.invalidParameterValue("Value of " + kind.toLowerCase(Locale.ROOT) + " attribute '" + name
                    + "' is outside the number range SQS allows (38 digits, 10^-128 to 10^126).");
        }
    }

    /** SQS accepts #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
    static void checkCharacters(String text, String where) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                throw SqsErrors.invalidMessageContents("Invalid binary character '#x" + Integer.toHexString(cp).toUpperCase(Locale.ROOT)
                        + "' was found in " + where + ", the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | "
                        + "#xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            i += Character.charCount(cp);
        }
    }
}
