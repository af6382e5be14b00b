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
 * BatchReceiveMessage: up to numOfMsg (1–16) messages as msgInfoList[]; returns what is there
 * without waiting to fill the batch. Nothing to receive is code 7000, as for ReceiveMessage.
 */
final class BatchReceiveMessage implements CmqAction {
    private final QueueService service;

    BatchReceiveMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchReceiveMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        return handle(params, ClientDisconnect.NEVER);
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params, ClientDisconnect disconnect) {
        String name = QueueParams.queueName(params);
        int count = params.requiredInt("numOfMsg", 1, CmqLimits.MAX_BATCH_SIZE);
        Integer wait = params.optionalInt("pollingWaitSeconds", 0, CmqLimits.MAX_POLLING_WAIT_SECONDS);
        // A client that goes away stops the wait (see ClientDisconnect).
        return disconnect.endsEmptyOnDisconnect(service.receive(name, count, wait)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new CmqException(CmqErrors.noMessage());
            }
            return CmqReply.ok(g -> {
                g.writeArrayFieldStart("msgInfoList");
                for (ReceivedMessage m : messages) {
                    g.writeStartObject();
                    QueueJson.writeMessage(g, m);
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }
}
