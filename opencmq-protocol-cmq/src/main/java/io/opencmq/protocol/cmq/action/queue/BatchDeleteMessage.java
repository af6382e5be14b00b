package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.core.message.DeleteOutcome;
import io.opencmq.protocol.cmq.CmqError;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * BatchDeleteMessage: receiptHandle.n (1–16), each deleted independently. All deleted: code 0.
 * Some failed: 6010 "(10150)delete message partially failed"; all failed: 6020
 * "(10290)batch delete message failed"; both with errorList[] {code, message, receiptHandle}
 * naming each failed handle.
 */
final class BatchDeleteMessage implements CmqAction {
    private final QueueService service;

    BatchDeleteMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchDeleteMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        List<String> handles = params.requiredArray("receiptHandle", CmqLimits.MAX_BATCH_SIZE);
        return service.deleteMessages(name, handles).thenApply(BatchDeleteMessage::reply);
    }

    private static CmqReply reply(List<DeleteOutcome> outcomes) {
        List<DeleteOutcome> failed = new ArrayList<>();
        for (DeleteOutcome o : outcomes) {
            if (!o.ok()) {
                failed.add(o);
            }
        }
        if (failed.isEmpty()) {
            return CmqReply.ok();
        }
        CmqError summary = failed.size() == outcomes.size() ? CmqErrors.batchDeleteFailed() : CmqErrors.deletePartiallyFailed();
        return CmqReply.error(summary, g -> {
            g.writeArrayFieldStart("errorList");
            for (DeleteOutcome o : failed) {
                CmqError e = CmqErrors.of(o.error());
                g.writeStartObject();
                g.writeNumberField("code", e.code());
                g.writeStringField("message", e.message());
                g.writeStringField("receiptHandle", o.receiptHandle());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
