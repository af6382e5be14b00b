package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.QueueConfig;
import io.opencmq.protocol.sqs.SqsErrors;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQS queue tags, kept by the core as queue properties named {@value #PREFIX}{@code <key>}
 * (opaque to the core). SQS's rules: at most 50 tags per queue, keys 1–128 characters,
 * values 0–256; keys are case-sensitive.
 */
final class QueueTags {

    static final String PREFIX = "sqs.tag.";
    static final int MAX_TAGS = 50;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;

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
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw SqsErrors.invalidParameterValue("Tag keys must be 1 to " + MAX_KEY_LENGTH + " characters: " + key);
            }
            if (t.getValue().length() > MAX_VALUE_LENGTH) {
                throw SqsErrors.invalidParameterValue("Tag values must be at most " + MAX_VALUE_LENGTH + " characters (tag " + key + ").");
            }
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
}
