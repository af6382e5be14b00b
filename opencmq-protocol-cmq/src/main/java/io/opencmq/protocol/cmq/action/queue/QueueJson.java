package io.opencmq.protocol.cmq.action.queue;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueuePage;
import io.opencmq.core.queue.QueueRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Response fields shared by the queue actions, typed as the official Java SDK reads them:
 * ids, names, bodies and handles as JSON strings, counts and times as JSON numbers. The core
 * keeps times in milliseconds; CMQ's wire carries Unix seconds.
 */
final class QueueJson {

    private QueueJson() {
    }

    static long seconds(long millis) {
        return Math.floorDiv(millis, 1000);
    }

    /** The attribute values SetQueueAttributes echoes and GetQueueAttributes includes. */
    static void writeConfig(JsonGenerator g, QueueConfig c) throws IOException {
        g.writeNumberField("maxMsgHeapNum", c.maxMsgHeapNum());
        g.writeNumberField("pollingWaitSeconds", c.pollingWaitSeconds());
        g.writeNumberField("visibilityTimeout", c.visibilityTimeout());
        g.writeNumberField("maxMsgSize", c.maxMsgSize());
        g.writeNumberField("msgRetentionSeconds", c.msgRetentionSeconds());
        g.writeNumberField("rewindSeconds", c.rewindSeconds());
        if (c.deadLetterPolicy() != null) {
            g.writeStringField("deadLetterPolicy", DeadLetterPolicyJson.format(c.deadLetterPolicy()));
        }
    }

    /** {@code totalCount} and {@code queueList[] {queueId, queueName}}. */
    static void writePage(JsonGenerator g, QueuePage page) throws IOException {
        g.writeNumberField("totalCount", page.totalCount());
        g.writeArrayFieldStart("queueList");
        for (QueueRef q : page.queues()) {
            g.writeStartObject();
            g.writeStringField("queueId", q.queueId());
            g.writeStringField("queueName", q.queueName());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The seven per-message fields of ReceiveMessage and of each BatchReceiveMessage entry. */
    static void writeMessage(JsonGenerator g, ReceivedMessage m) throws IOException {
        g.writeStringField("msgId", m.msgId());
        g.writeStringField("receiptHandle", m.receiptHandle());
        writeBody(g, m.body());
        g.writeNumberField("enqueueTime", seconds(m.enqueueTimeMillis()));
        g.writeNumberField("nextVisibleTime", seconds(m.nextVisibleTimeMillis()));
        g.writeNumberField("firstDequeueTime", seconds(m.firstDequeueTimeMillis()));
        g.writeNumberField("dequeueCount", m.dequeueCount());
    }

    /**
     * The {@code msgBody} field. An ASCII body is written from its bytes as they are
     * ({@code writeUTF8String}: no decoding to a String, the same escapes for quotes,
     * backslashes and control characters). Any other body goes through a String, because
     * {@code writeUTF8String} copies non-ASCII bytes raw while this module's responses escape
     * non-ASCII characters as backslash-u escapes (see CmqJson).
     */
    static void writeBody(JsonGenerator g, byte[] body) throws IOException {
        g.writeFieldName("msgBody");
        if (isAscii(body)) {
            g.writeUTF8String(body, 0, body.length);
        } else {
            g.writeString(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
