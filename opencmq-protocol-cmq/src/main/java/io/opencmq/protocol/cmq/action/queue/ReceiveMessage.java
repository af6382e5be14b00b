package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.CmqException;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;
import io.opencmq.protocol.common.ClientDisconnect;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ReceiveMessage: one message with its receipt handle, waiting up to pollingWaitSeconds (0–30;
 * absent = the queue's setting). Nothing to receive is CMQ code 7000 "(10200)no message".
 */
final class ReceiveMessage implements CmqAction {
    private final QueueService service;

    ReceiveMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ReceiveMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return handle(params, ClientDisconnect.NEVER);
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params, ClientDisconnect disconnect) {
        String name = QueueParams.queueName(params);
        Integer wait = params.optionalInt("pollingWaitSeconds", 0, CmqLimits.MAX_POLLING_WAIT_SECONDS);
        // A client that goes away stops the wait (see ClientDisconnect).
        return disconnect.endsEmptyOnDisconnect(service.receive(name, 1, wait)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new CmqException(CmqErrors.noMessage());
            }
            ReceivedMessage m = messages.getFirst();
            return CmqReply.ok(g -> QueueJson.writeMessage(g, m));
        });
    }
}
