package io.opencmq.protocol.cmq.action;

import io.opencmq.protocol.cmq.request.CmqParams;
import io.opencmq.protocol.common.ClientDisconnect;

import java.util.concurrent.CompletableFuture;

/**
 * One CMQ action (CreateQueue, SendMessage, ...): reads its parameters, calls the core,
 * describes the response. Adding an action means adding one implementation and listing it
 * in its family's list (e.g. {@link io.opencmq.protocol.cmq.action.queue.QueueActions}).
 *
 * <p>An action may refuse a request by throwing (or failing the future with) a
 * {@link io.opencmq.protocol.cmq.CmqException} or a core
 * {@link io.opencmq.core.error.QueueException}; the caller turns either into the wire error.
 * Implementations are stateless apart from their service and are shared by all requests.
 */
public interface CmqAction {

    /** The action name as documented, e.g. "SendMessage"; requests match it case-insensitively. */
    String name();

    CompletableFuture<CmqReply> handle(CmqParams params);

    /**
     * As {@link #handle(CmqParams)}, told when the client goes away; only a long poll listens
     * (it stops waiting rather than lock messages for nobody).
     */
    default CompletableFuture<CmqReply> handle(CmqParams params, ClientDisconnect disconnect) {
        return handle(params);
    }
}
