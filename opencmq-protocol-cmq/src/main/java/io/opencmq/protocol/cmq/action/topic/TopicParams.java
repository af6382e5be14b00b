package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.FilterType;
import io.opencmq.core.topic.NotifyStrategy;
import io.opencmq.core.topic.SubscriptionProtocol;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.CmqException;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Parameters shared by the topic and subscription actions, refused with CMQ's own codes where
 * the wire has them: an unknown protocol (4000/10510), notify strategy (10520) or content
 * format (10530), a filterType other than 1 or 2 (10350), too many filterTag (10490),
 * bindingKey (10680) or msgTag (10720). Names, endpoints and the tags and keys themselves are
 * checked by the core, which answers with the matching reason.
 */
final class TopicParams {

    private TopicParams() {
    }

    static String topicName(CmqParams params) {
        return params.required("topicName");
    }

    static String subscriptionName(CmqParams params) {
        return params.required("subscriptionName");
    }

    /** maxMsgSize as any int; its range is the core's to check. Null when absent. */
    static Integer maxMsgSize(CmqParams params) {
        return params.optionalInt("maxMsgSize", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** filterType 1 (tags) or 2 (routing keys); null when absent. */
    static FilterType filterType(CmqParams params) {
        Integer code = params.optionalInt("filterType", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (code == null) {
            return null;
        }
        FilterType type = FilterType.ofCode(code);
        if (type == null) {
            throw CmqErrors.outOfRange("filterType");
        }
        return type;
    }

    static SubscriptionProtocol protocol(CmqParams params) {
        String name = params.required("protocol");
        SubscriptionProtocol protocol = SubscriptionProtocol.ofWireName(name);
        if (protocol == null) {
            throw CmqErrors.undefinedProtocol(name);
        }
        return protocol;
    }

    /** notifyStrategy, case-insensitive; null when absent or empty. */
    static NotifyStrategy notifyStrategy(CmqParams params) {
        String name = params.optional("notifyStrategy");
        if (name == null) {
            return null;
        }
        NotifyStrategy strategy = NotifyStrategy.ofWireName(name);
        if (strategy == null) {
            throw CmqErrors.undefinedNotifyStrategy(name);
        }
        return strategy;
    }

    /** notifyContentFormat, case-insensitive; null when absent or empty. */
    static ContentFormat notifyContentFormat(CmqParams params) {
        String name = params.optional("notifyContentFormat");
        if (name == null) {
            return null;
        }
        ContentFormat format = ContentFormat.ofWireName(name);
        if (format == null) {
            throw CmqErrors.undefinedContentFormat(name);
        }
        return format;
    }

    /** filterTag.n: at most 5; null when none is given. */
    static List<String> filterTags(CmqParams params) {
        return optionalArray(params, "filterTag", CmqLimits.MAX_TAGS, CmqErrors::tooManyFilterTags);
    }

    /** bindingKey.n: at most 5; null when none is given. */
    static List<String> bindingKeys(CmqParams params) {
        return optionalArray(params, "bindingKey", CmqLimits.MAX_BINDING_KEYS, CmqErrors::tooManyBindingKeys);
    }

    /** msgTag.n: at most 5; empty when none is given. */
    static List<String> msgTags(CmqParams params) {
        List<String> tags = optionalArray(params, "msgTag", CmqLimits.MAX_TAGS, CmqErrors::tooManyMsgTags);
        return tags == null ? List.of() : tags;
    }

    /** routingKey as given; null when absent or empty. */
    static String routingKey(CmqParams params) {
        return params.optional("routingKey");
    }

    /** offset of a list action: 0..maxOffset, default 0. */
    static int offset(CmqParams params, int maxOffset) {
        return params.optionalInt("offset", 0, maxOffset, 0);
    }

    /** limit of a list action: 0..maxLimit, default 20. */
    static int limit(CmqParams params, int maxLimit) {
        return params.optionalInt("limit", 0, maxLimit, CmqLimits.DEFAULT_LIST_LIMIT);
    }

    /**
     * An array parameter {@code name.n} that may be absent (null then). Contiguity is checked
     * as for every array (4000/10380); beyond {@code max} entries the action's own error.
     */
    private static List<String> optionalArray(CmqParams params, String name, int max, IntFunction<CmqException> tooMany) {
        int count = params.countArrayEntries(name);
        if (count == 0) {
            return null;
        }
        if (count > max) {
            throw tooMany.apply(max);
        }
        return params.requiredArray(name, max);
    }
}
