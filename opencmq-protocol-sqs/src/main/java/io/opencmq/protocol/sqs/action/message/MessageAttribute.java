package io.opencmq.protocol.sqs.action.message;

import java.nio.charset.StandardCharsets;

/**
 * One SQS message attribute (or message system attribute): a name, a data type ({@code String},
 * {@code Number} or {@code Binary}, optionally with a custom suffix such as
 * {@code Number.float}), and a string or a binary value.
 *
 * @param stringValue set for String and Number types, else null
 * @param binaryValue set for Binary types, else null
 */
public record MessageAttribute(String name, String dataType, String stringValue, byte[] binaryValue) {

    /** True for Binary and Binary.x types. */
    public boolean isBinary() {
        return baseType(dataType).equals("Binary");
    }

    /** The part of a data type before its custom suffix: "Number.float" → "Number". */
    public static String baseType(String dataType) {
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    /** What SQS counts towards the message size: name, data type and value. */
    public int size() {
        int value = isBinary() ? binaryValue.length : stringValue.getBytes(StandardCharsets.UTF_8).length;
        return name.getBytes(StandardCharsets.UTF_8).length + dataType.getBytes(StandardCharsets.UTF_8).length + value;
    }
}
