package io.opencmq.it.topic;

import java.util.Collection;
import java.util.List;

/**
 * The test's own statement of CMQ's filter rules (reference §7), written independently of the
 * server's, so that load tests can predict which subscriptions must get a message.
 *
 * <ul>
 *   <li>Tags: a subscription without filter tags takes every message; one with filter tags takes
 *       a message whose tags share at least one with them (an untagged message: none).</li>
 *   <li>Routing keys: dot-separated words; in a binding key {@code *} stands for exactly one word
 *       and {@code #} for zero or more words; a subscription takes a message if any of its
 *       binding keys matches the message's routing key.</li>
 * </ul>
 */
final class FilterModel {

    private FilterModel() {
    }

    static boolean tagsMatch(Collection<String> filterTags, Collection<String> messageTags) {
        if (filterTags.isEmpty()) {
            return true;
        }
        return messageTags.stream().anyMatch(filterTags::contains);
    }

    static boolean routingMatches(Collection<String> bindingKeys, String routingKey) {
        List<String> words = List.of(routingKey.split("\\.", -1));
        return bindingKeys.stream().anyMatch(k -> matches(List.of(k.split("\\.", -1)), 0, words, 0));
    }

    private static boolean matches(List<String> pattern, int p, List<String> words, int w) {
        if (p == pattern.size()) {
            return w == words.size();
        }
        String part = pattern.get(p);
        if (part.equals("#")) {
            return matches(pattern, p + 1, words, w) || (w < words.size() && matches(pattern, p, words, w + 1));
        }
        if (w == words.size()) {
            return false;
        }
        return (part.equals("*") || part.equals(words.get(w))) && matches(pattern, p + 1, words, w + 1);
    }
}
