package io.opencmq.protocol.cmq.action.topic;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opencmq.core.message.SentMessage;

import java.io.IOException;
import java.util.List;

/**
 * Response fields shared by the topic actions, typed as the official Java SDK reads them:
 * ids, names, protocols, strategies, formats, tags and keys as JSON strings; counts, sizes,
 * times and filterType as JSON numbers. The core keeps times in milliseconds; CMQ's wire
 * carries Unix seconds.
 */
final class TopicJson {

    private TopicJson() {
    }

    static long seconds(long millis) {
        return Math.floorDiv(millis, 1000);
    }

    /** An array of strings; an absent list is written as an empty array. */
    static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        if (values != null) {
            for (String v : values) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    /** {@code msgList[] {msgId}} of BatchPublishMessage, in request order. */
    static void writeMsgList(JsonGenerator g, List<SentMessage> sent) throws IOException {
        g.writeArrayFieldStart("msgList");
        for (SentMessage m : sent) {
            g.writeStartObject();
            g.writeStringField("msgId", m.msgId());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
