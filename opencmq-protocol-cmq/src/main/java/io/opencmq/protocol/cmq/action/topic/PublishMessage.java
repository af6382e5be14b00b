package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PublishMessage: msgBody (UTF-8 text) with msgTag.n (tag topics) or routingKey (routing-key
 * topics); answers msgId once the message is in every matching queue and recorded for every
 * matching HTTP subscription. An empty body is passed on, so that the core answers with its
 * "empty body" reason.
 */
final class PublishMessage implements CmqAction {
    private final TopicService service;

    PublishMessage(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "PublishMessage";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        String topic = TopicParams.topicName(params);
        byte[] body = params.getBytes("msgBody");
        if (body == null) {
            throw CmqErrors.missingParameter("msgBody");
        }
        List<String> tags = TopicParams.msgTags(params);
        String routingKey = TopicParams.routingKey(params);
        return service.publish(topic, List.of(body), tags, routingKey)
                .thenApply(sent -> CmqReply.ok(g -> g.writeStringField("msgId", sent.getFirst().msgId())));
    }
}
