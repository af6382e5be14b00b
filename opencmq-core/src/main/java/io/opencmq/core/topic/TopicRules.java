package io.opencmq.core.topic;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.TopicLimits;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;

/** Validation of tags, binding and routing keys and push endpoints against {@link TopicLimits}. */
public final class TopicRules {
    private TopicRules() {
    }

    /** Null or empty = none; duplicates are dropped, order kept. */
    public static List<String> tags(List<String> tags, TopicLimits l, String what) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(tags));
        if (distinct.size() > l.maxTags()) {
            throw new QueueException(ErrorReason.INVALID_TAGS, "at most " + l.maxTags() + " " + what + " are allowed");
        }
        for (String t : distinct) {
            if (t == null || t.isEmpty() || t.length() > l.maxTagLength()) {
                throw new QueueException(ErrorReason.INVALID_TAGS,
                        "each " + what + " must be 1 to " + l.maxTagLength() + " characters");
            }
        }
        return distinct;
    }

    public static List<String> bindingKeys(List<String> keys, TopicLimits l) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        if (distinct.size() > l.maxBindingKeys()) {
            throw new QueueException(ErrorReason.INVALID_BINDING_KEYS, "at most " + l.maxBindingKeys() + " bindingKey are allowed");
        }
        for (String k : distinct) {
            checkKey(k, l, ErrorReason.INVALID_BINDING_KEYS, "bindingKey");
        }
        return distinct;
    }

    public static void routingKey(String key, TopicLimits l) {
        checkKey(key, l, ErrorReason.INVALID_ROUTING_KEY, "routingKey");
    }

    private static void checkKey(String key, TopicLimits l, ErrorReason reason, String what) {
        if (key == null || key.isEmpty()) {
            throw new QueueException(reason, what + " must not be empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > l.maxBindingKeyBytes()) {
            throw new QueueException(reason, what + " must be at most " + l.maxBindingKeyBytes() + " bytes");
        }
        long dots = key.chars().filter(c -> c == '.').count();
        if (dots > l.maxRoutingKeyDots()) {
            throw new QueueException(reason, what + " may have at most " + l.maxRoutingKeyDots() + " dots");
        }
    }

    /** An http(s) endpoint: no blanks, http or https scheme, a host, at most maxEndpointLength chars. */
    public static URI httpEndpoint(String endpoint, TopicLimits l) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw new QueueException(ErrorReason.INVALID_ENDPOINT, "endpoint must not be empty");
        }
        for (int i = 0; i < endpoint.length(); i++) {
            if (Character.isWhitespace(endpoint.charAt(i)) || Character.isSpaceChar(endpoint.charAt(i))) {
                throw new QueueException(ErrorReason.ENDPOINT_HAS_BLANK, "endpoint contains a blank character");
            }
        }
        if (endpoint.length() > l.maxEndpointLength()) {
            throw new QueueException(ErrorReason.INVALID_ENDPOINT, "endpoint must be at most " + l.maxEndpointLength() + " characters");
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new QueueException(ErrorReason.INVALID_ENDPOINT, "endpoint must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new QueueException(ErrorReason.INVALID_ENDPOINT, "endpoint is not a valid URL");
        }
    }
}
