package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.TopicAttributes;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * GetTopicAttributes: the six numbers the Java SDK 1.0.7 requires — msgCount, maxMsgSize,
 * msgRetentionSeconds, createTime, lastModifyTime (Unix seconds) and filterType (1 or 2) — plus
 * topicId and topicName.
 */
final class GetTopicAttributes implements CmqAction {
    private final TopicService service;

    GetTopicAttributes(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetTopicAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        TopicAttributes a = service.getTopicAttributes(TopicParams.topicName(params));
        return CmqReply.done(g -> {
            g.writeStringField("topicId", a.topic().topicId());
            g.writeStringField("topicName", a.topic().topicName());
            g.writeNumberField("msgCount", a.msgCount());
            g.writeNumberField("maxMsgSize", a.maxMsgSize());
            g.writeNumberField("msgRetentionSeconds", a.msgRetentionSeconds());
            g.writeNumberField("createTime", TopicJson.seconds(a.createTimeMillis()));
            g.writeNumberField("lastModifyTime", TopicJson.seconds(a.lastModifyTimeMillis()));
            g.writeNumberField("filterType", a.filterType().code());
        });
    }
}
