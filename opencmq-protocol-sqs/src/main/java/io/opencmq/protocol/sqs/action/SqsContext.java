package io.opencmq.protocol.sqs.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.common.ClientDisconnect;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.request.SqsParams;

/**
 * What an action knows about the request besides its parameters: how to name queues in URLs
 * and ARNs, and which queue the request path names.
 *
 * @param urlBase scheme and authority of queue URLs, e.g. {@code http://127.0.0.1:8731}
 * @param accountId the 12-digit account of this server
 * @param region the credential scope's region (or the configured default)
 * @param pathQueueName the queue named by a query-protocol request path
 *        {@code /<account>/<queue>}, or null
 * @param disconnect tells a long poll that its client went away
 */
public record SqsContext(String urlBase, String accountId, String region, String pathQueueName,
                         ClientDisconnect disconnect) {

    /** A context whose client never goes away (tests). */
    public SqsContext(String urlBase, String accountId, String region, String pathQueueName) {
        this(urlBase, accountId, region, pathQueueName, ClientDisconnect.NEVER);
    }

    public String queueUrl(String queueName) {
        return urlBase + "/" + accountId + "/" + queueName;
    }

    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /**
     * The queue a request is about: its QueueUrl parameter, or (query protocol) the request
     * path. The host and account of the URL are not checked: a self-hosted server has one
     * account, and clients may reach it under several names.
     */
    public String queueName(SqsParams params) {
        String url = params.string("QueueUrl");
        if (url == null || url.isEmpty()) {
            if (pathQueueName != null) {
                return pathQueueName;
            }
            throw SqsErrors.missingParameter("QueueUrl");
        }
        String name = queueNameOfUrl(url);
        if (name == null) {
            throw SqsErrors.invalidAddress(url);
        }
        return name;
    }

    /** The queue name of {@code http(s)://host[:port]/<account>/<queue>} or {@code /<account>/<queue>}; null if neither. */
    public static String queueNameOfUrl(String url) {
        String path = url;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            if (slash < 0) {
                return null;
            }
            path = path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        if (segments.length != 3 || !segments[0].isEmpty() || segments[1].isEmpty() || segments[2].isEmpty()) {
            return null;
        }
        return segments[2];
    }

    /**
     * The queue name of {@code arn:<partition>:sqs:<region>:<account>:<name>}, or null if it is
     * no SQS ARN. Region and account are not checked, as the host and account of queue URLs are
     * not: a self-hosted server has one account and answers under any region.
     */
    public static String queueNameOfArn(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || !parts[2].equals("sqs")
                || parts[5].isEmpty()) {
            return null;
        }
        return parts[5];
    }

    /** A fresh result object for an action to fill. */
    public static ObjectNode result() {
        return JsonNodeFactory.instance.objectNode();
    }
}
