package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.message.SentMessage;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** BatchSendMessage: msgBody.n (1–16) with one delaySeconds for all; answers msgList[] {msgId} in order. */
final class BatchSendMessage implements CmqAction {
    private final QueueService service;

    BatchSendMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchSendMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        List<byte[]> bodies = params.requiredArrayBytes("msgBody", CmqLimits.MAX_BATCH_SIZE);
        int delay = params.optionalInt("delaySeconds", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        return service.send(name, bodies, delay).thenApply(sent -> CmqReply.ok(g -> {
            g.writeArrayFieldStart("msgList");
            for (SentMessage m : sent) {
                g.writeStartObject();
                g.writeStringField("msgId", m.msgId());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }
}
