package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.QueueConfig;
import io.opencmq.protocol.sqs.SqsErrors;

import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SQS queue tags, kept by the core as queue properties named {@value #PREFIX}{@code <key>}
 * (opaque to the core). SQS's rules (Amazon SQS Developer Guide, quotas related to queues): at
 * most 50 tags per queue; keys 1–128 and values 0–256 Unicode characters (code points, so a
 * character outside the Basic Multilingual Plane counts once); keys and values made of Unicode
 * letters, digits, whitespace and {@code _ . : / = + - @}; the prefix {@code aws:} (in any
 * case) is reserved for AWS in keys and values alike; keys are case-sensitive.
 */
final class QueueTags {

    static final String PREFIX = "sqs.tag.";
    static final int MAX_TAGS = 50;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    /**
     * Letters (with their combining marks, which many scripts need), digits, whitespace and
     * _ . : / = + - @.
     */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{Z}\\s_.:/=+\\-@]*");
    private static final String RESERVED_PREFIX = "aws:";

    private QueueTags() {
    }

    /** The queue's tags, by key. */
    static Map<String, String> of(QueueConfig config) {
        Map<String, String> tags = new TreeMap<>();
        config.properties().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                tags.put(k.substring(PREFIX.length()), v);
            }
        });
        return tags;
    }

    /** Checks {@code tags} and turns them into property changes; {@code current} = how many the queue has. */
    static Map<String, String> toProperties(Map<String, String> tags, Map<String, String> current) {
        Map<String, String> properties = new HashMap<>();
        int after = current.size();
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String key = t.getKey();
            String value = t.getValue();
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) {
                throw SqsErrors.invalidParameterValue("Tag keys must be 1 to " + MAX_KEY_LENGTH + " characters: "
                        + SqsErrors.echo(key));
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
                throw SqsErrors.invalidParameterValue("Tag values must be at most " + MAX_VALUE_LENGTH + " characters (tag "
                        + SqsErrors.echo(key) + ").");
            }
            checkText(key, "Tag key " + SqsErrors.echo(key));
            checkText(value, "The value of tag " + SqsErrors.echo(key));
            if (!current.containsKey(key)) {
                after++;
            }
            properties.put(PREFIX + key, t.getValue());
        }
        if (after > MAX_TAGS) {
            throw SqsErrors.invalidParameterValue("Too many tags: a queue can have at most " + MAX_TAGS + " tags.");
        }
        return properties;
    }

    private static void checkText(String text, String what) {
        if (!ALLOWED.matcher(text).matches()) {
            throw SqsErrors.invalidParameterValue(what + " is invalid: tag keys and values may contain only Unicode letters, "
                    + "digits, whitespace and the characters _ . : / = + - @.");
        }
        if (text.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            throw SqsErrors.invalidParameterValue(what + " is invalid: the prefix aws: is reserved for AWS "
                    + "and cannot start a tag key or value.");
        }
    }
}
