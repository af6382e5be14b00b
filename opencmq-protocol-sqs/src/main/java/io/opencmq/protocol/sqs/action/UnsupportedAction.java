package io.opencmq.protocol.sqs.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An SQS action opencmq knows but does not offer (yet). It answers UnsupportedOperation naming
 * what is missing, so a client learns why instead of meeting InvalidAction, and nothing
 * pretends to succeed.
 */
public record UnsupportedAction(String name, String missing) implements SqsAction {

    /** Every SQS action of API version 2012-11-05 that opencmq does not offer. */
    public static List<SqsAction> all() {
        return List.of(
                new UnsupportedAction("AddPermission", "queue permissions (opencmq has one key pair and no IAM policies)"),
                new UnsupportedAction("RemovePermission", "queue permissions (opencmq has one key pair and no IAM policies)"));
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        throw SqsErrors.unsupported(name + " is not supported by opencmq yet: it needs " + missing + ".");
    }
}
