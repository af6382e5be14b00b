package io.opencmq.protocol.sqs.action.message;

import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message of a SendMessage or of a SendMessageBatch entry, checked as SQS checks it:
 * MessageBody (1 character at least, only the characters SQS allows), DelaySeconds (0–900;
 * absent = the queue's), MessageAttributes (at most 10, names and types by SQS's rules, values
 * of their type), MessageSystemAttributes (AWSTraceHeader only). MessageGroupId and
 * MessageDeduplicationId belong to FIFO queues, which opencmq does not offer yet.
 *
 * @param delaySeconds null when not given (the queue's DelaySeconds applies)
 */
public record MessageToSend(String body, Integer delaySeconds, List<MessageAttribute> attributes,
                            List<MessageAttribute> systemAttributes) {

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
        if (params.has("MessageGroupId") || params.has("MessageDeduplicationId")) {
            throw SqsErrors.invalidParameterValue("MessageGroupId and MessageDeduplicationId are only valid for FIFO queues "
                    + "(opencmq does not support FIFO queues yet).");
        }
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
        return new MessageToSend(body, delay, user, system);
    }

    /** What SQS counts against MaximumMessageSize: the body and every message attribute. */
    public int size() {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (MessageAttribute a : attributes) {
            size += a.size();
        }
        return size;
    }

    public OutgoingMessage toOutgoing() {
        return new OutgoingMessage(body.getBytes(StandardCharsets.UTF_8), AttributeCodec.encode(attributes, systemAttributes),
                delaySeconds == null ? OutgoingMessage.QUEUE_DELAY : delaySeconds);
    }

    /** Refuses a message larger than the queue allows. */
    public void checkSize(int maxMessageSize) {
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
            if (value.has("StringListValues") || value.has("BinaryListValues")) {
                throw SqsErrors.invalidParameterValue(kind + " attribute list values are not supported (neither by SQS).");
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
