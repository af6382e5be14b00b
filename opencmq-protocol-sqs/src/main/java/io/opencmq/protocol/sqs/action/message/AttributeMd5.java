package io.opencmq.protocol.sqs.action.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The MD5 digests SQS answers so clients can check what arrived: of the body (hex MD5 of its
 * UTF-8 bytes) and of the message attributes, computed as AWS documents it: attributes sorted
 * by name; for each, the name, the data type (each as a 4-byte big-endian length and the UTF-8
 * bytes), one transport byte (1 = string value, 2 = binary value), and the value (length and
 * bytes); the hex MD5 of all that. The AWS SDKs recompute both and fail on a mismatch.
 */
public final class AttributeMd5 {

    private AttributeMd5() {
    }

    public static String ofBody(String body) {
        return md5Hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no attributes, as SQS leaves the field out then. */
    public static String ofAttributes(List<MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        List<MessageAttribute> sorted = new ArrayList<>(attributes);
        sorted.sort(Comparator.comparing(MessageAttribute::name));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MessageAttribute a : sorted) {
            lengthPrefixed(out, a.name().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            if (a.isBinary()) {
                out.write(2);
                lengthPrefixed(out, a.binaryValue());
            } else {
                out.write(1);
                lengthPrefixed(out, a.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return md5Hex(out.toByteArray());
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }
}
