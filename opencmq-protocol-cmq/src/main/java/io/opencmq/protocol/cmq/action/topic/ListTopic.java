package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.TopicPage;
import io.opencmq.core.topic.TopicRef;
import io.opencmq.protocol.cmq.CmqLimits;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * ListTopic: searchWord (substring, case-insensitive), offset, limit (0–1000, default 20);
 * answers totalCount (all matches) and topicList[] {topicId, topicName}.
 */
final class ListTopic implements CmqAction {
    private final TopicService service;

    ListTopic(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListTopic";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        TopicPage page = service.listTopics(params.optional("searchWord"),
                TopicParams.offset(params, Integer.MAX_VALUE), TopicParams.limit(params, CmqLimits.MAX_LIST_TOPIC_LIMIT));
        return CmqReply.done(g -> {
            g.writeNumberField("totalCount", page.totalCount());
            g.writeArrayFieldStart("topicList");
            for (TopicRef t : page.topics()) {
                g.writeStartObject();
                g.writeStringField("topicId", t.topicId());
                g.writeStringField("topicName", t.topicName());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
