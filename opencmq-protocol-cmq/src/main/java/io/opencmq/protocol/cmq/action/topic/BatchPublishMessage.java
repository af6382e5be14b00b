package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * BatchPublishMessage: msgBody.n (1–16) with one msgTag.n list or routingKey for all; answers
 * msgList[] {msgId} in request order.
 */
final class BatchPublishMessage implements CmqAction {
    private final TopicService service;

    BatchPublishMessage(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchPublishMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String topic = TopicParams.topicName(params);
        List<byte[]> bodies = params.requiredArrayBytes("msgBody", CmqLimits.MAX_BATCH_SIZE);
        List<String> tags = TopicParams.msgTags(params);
        String routingKey = TopicParams.routingKey(params);
        return service.publish(topic, bodies, tags, routingKey)
                .thenApply(sent -> CmqReply.ok(g -> TopicJson.writeMsgList(g, sent)));
    }
}
