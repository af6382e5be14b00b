package io.opencmq.protocol.sqs.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.concurrent.CompletableFuture;

/**
 * One SQS action (CreateQueue, SendMessage, ...): reads its parameters, calls the core,
 * describes the result. Both protocols share it: parameters arrive in the JSON protocol's shape
 * (the query protocol's are converted), and the result is a tree in the JSON protocol's shape
 * that {@link io.opencmq.protocol.sqs.wire.QueryXml} can render as XML.
 *
 * <p>An action refuses a request by throwing (or failing the future with) an
 * {@link io.opencmq.protocol.sqs.SqsException} or a core
 * {@link io.opencmq.core.error.QueueException}; the caller turns either into the wire error.
 * Implementations are stateless apart from their service and are shared by all requests.
 */
public interface SqsAction {

    /** The action name as AWS spells it, e.g. "SendMessage"; matched exactly. */
    String name();

    /** The result, or a future of null for actions whose answer has no result element (DeleteQueue, ...). */
    CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context);
}
