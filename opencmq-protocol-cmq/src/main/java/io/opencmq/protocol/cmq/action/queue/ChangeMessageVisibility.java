package io.opencmq.protocol.cmq.action.queue;

import io.opencmq.core.QueueService;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * ChangeMessageVisibility — an opencmq extension (CMQ has no such action): moves the end of a
 * received message's lock to now + visibilityTimeout seconds (0–43200; 0 makes it receivable
 * at once). The receipt handle stays valid. Parameters: queueName, receiptHandle,
 * visibilityTimeout.
 */
final class ChangeMessageVisibility implements CmqAction {
    private final QueueService service;

    ChangeMessageVisibility(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ChangeMessageVisibility";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String name = QueueParams.queueName(params);
        String handle = params.required("receiptHandle");
        int seconds = params.requiredInt("visibilityTimeout", 0, service.limits().maxVisibilityTimeout());
        return service.changeMessageVisibility(name, handle, seconds).thenApply(v -> CmqReply.ok());
    }
}
