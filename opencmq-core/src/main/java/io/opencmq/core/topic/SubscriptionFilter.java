package io.opencmq.core.topic;

import java.util.List;

/**
 * Which subscriptions a published message goes to (reference §7).
 *
 * <p>TAG topics: a subscription without filter tags gets every message; one with filter tags
 * gets a message sharing at least one of them, and never a message without tags.
 *
 * <p>ROUTING_KEY topics: keys are dot-separated words; in a binding key {@code *} matches
 * exactly one word and {@code #} zero or more words (RabbitMQ's topic semantics, the reading
 * of CMQ's "one or more characters" that real clients rely on). A subscription matches if any
 * of its binding keys matches the routing key.
 */
public final class SubscriptionFilter {
    private SubscriptionFilter() {
    }

    public static boolean tagsMatch(List<String> filterTags, List<String> messageTags) {
        if (filterTags == null || filterTags.isEmpty()) {
            return true;
        }
        if (messageTags == null) {
            return false;
        }
        for (String t : messageTags) {
            if (filterTags.contains(t)) {
                return true;
            }
        }
        return false;
    }

    public static boolean routingMatches(List<String> bindingKeys, String routingKey) {
        if (bindingKeys == null || routingKey == null) {
            return false;
        }
        String[] words = routingKey.split("\\.", -1);
        for (String binding : bindingKeys) {
            if (matches(binding.split("\\.", -1), words)) {
                return true;
            }
        }
        return false;
    }

    /** Dynamic programming over (pattern word, key word): linear in their product, no backtracking. */
    private static boolean matches(String[] pattern, String[] words) {
        boolean[][] m = new boolean[pattern.length + 1][words.length + 1];
        m[pattern.length][words.length] = true;
        for (int p = pattern.length - 1; p >= 0; p--) {
            for (int w = words.length; w >= 0; w--) {
                if (pattern[p].equals("#")) {
                    m[p][w] = m[p + 1][w] || (w < words.length && m[p][w + 1]);
                } else if (w < words.length) {
                    m[p][w] = (pattern[p].equals("*") || pattern[p].equals(words[w])) && m[p + 1][w + 1];
                }
            }
        }
        return m[0][0];
    }
}
