package io.opencmq.protocol.cmq.action.topic;

import io.opencmq.core.TopicService;
import io.opencmq.core.topic.SubscriptionAttributes;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;

import java.util.concurrent.CompletableFuture;

/**
 * GetSubscriptionAttributes: CMQ's fields — topicOwner, msgCount, protocol, endpoint,
 * notifyStrategy, notifyContentFormat, createTime, lastModifyTime, bindingKey[], filterTag[] —
 * plus topicName, subscriptionId, subscriptionName and the delivery state opencmq adds:
 * deliveredCount, failedAttempts, lastError and lastErrorTime (counted since the server
 * started; 0 and "" when nothing happened yet). Times are Unix seconds.
 */
final class GetSubscriptionAttributes implements CmqAction {

    /**
     * CMQ puts the owner's APPID here; a self-hosted server has no accounts, so it is a fixed
     * string (the Java SDK does not read it).
     */
    static final String TOPIC_OWNER = "0";

    private final TopicService service;

    GetSubscriptionAttributes(TopicService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetSubscriptionAttributes";
    }

    @Override
    public CompletableFuture<CmqReply> handle(CmqParams params) {
        SubscriptionAttributes a = service.getSubscriptionAttributes(TopicParams.topicName(params),
                TopicParams.subscriptionName(params));
        return CmqReply.done(g -> {
            g.writeStringField("topicOwner", TOPIC_OWNER);
            g.writeStringField("topicName", a.topic().topicName());
            g.writeStringField("subscriptionId", a.subscription().subscriptionId());
            g.writeStringField("subscriptionName", a.subscription().subscriptionName());
            g.writeNumberField("msgCount", a.msgCount());
            g.writeStringField("protocol", a.protocol().wireName());
            g.writeStringField("endpoint", a.endpoint());
            g.writeStringField("notifyStrategy", a.notifyStrategy().name());
            g.writeStringField("notifyContentFormat", a.notifyContentFormat().name());
            g.writeNumberField("createTime", TopicJson.seconds(a.createTimeMillis()));
            g.writeNumberField("lastModifyTime", TopicJson.seconds(a.lastModifyTimeMillis()));
            TopicJson.writeStrings(g, "bindingKey", a.bindingKeys());
            TopicJson.writeStrings(g, "filterTag", a.filterTags());
            g.writeNumberField("deliveredCount", a.deliveredCount());
            g.writeNumberField("failedAttempts", a.failedAttempts());
            g.writeStringField("lastError", a.lastError() == null ? "" : a.lastError());
            g.writeNumberField("lastErrorTime", TopicJson.seconds(a.lastErrorTimeMillis()));
        });
    }
}
