package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SendMessage: msgBody (UTF-8 text) and an optional delaySeconds; answers msgId. An empty
 * body is passed on, so that the core answers with its "empty body" reason.
 */
final class SendMessage implements CmqAction {
    private final QueueService service;

    SendMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SendMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        byte[] body = params.getBytes("msgBody");
        if (body == null) {
            throw CmqErrors.missingParameter("msgBody");
        }
        int delay = params.optionalInt("delaySeconds", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        return service.send(name, List.of(body), delay)
                .thenApply(sent -> CmqReply.ok(g -> g.writeStringField("msgId", sent.getFirst().msgId())));
    }
}
