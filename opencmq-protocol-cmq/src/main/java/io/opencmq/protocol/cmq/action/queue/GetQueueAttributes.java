package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * GetQueueAttributes: configuration, counters and times (Unix seconds). The Java SDK 1.0.7
 * requires every numeric field and reads {@code rewindMsgNum}; the documentation spells it
 * {@code rewindmsgNum}; both are sent.
 */
final class GetQueueAttributes implements CmqAction {
    private final QueueService service;

    GetQueueAttributes(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetQueueAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        QueueAttributes a = service.getQueueAttributes(QueueParams.queueName(params));
        return CmqReply.done(g -> {
            g.writeStringField("queueId", a.queue().queueId());
            g.writeStringField("queueName", a.queue().queueName());
            QueueJson.writeConfig(g, a.config());
            g.writeNumberField("createTime", QueueJson.seconds(a.createTimeMillis()));
            g.writeNumberField("lastModifyTime", QueueJson.seconds(a.lastModifyTimeMillis()));
            g.writeNumberField("activeMsgNum", a.activeMsgNum());
            g.writeNumberField("inactiveMsgNum", a.inactiveMsgNum());
            g.writeNumberField("delayMsgNum", a.delayMsgNum());
            g.writeNumberField("rewindMsgNum", a.rewindMsgNum());
            g.writeNumberField("rewindmsgNum", a.rewindMsgNum());
            g.writeNumberField("minMsgTime", QueueJson.seconds(a.minMsgTimeMillis()));
        });
    }
}
