package io.opencmq.it.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One queue seen through {@link RawCmqClient}: the common calls with their wire parameter names,
 * so tests read as the scenario they check. Every method returns the raw {@link Reply}; callers
 * decide whether a non-zero code is the point of the test or a failure.
 */
public final class RawQueue {

    private final RawCmqClient client;
    private final String name;

    public RawQueue(RawCmqClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** Creates a queue with a unique name and the given CreateQueue parameters (key, value, ...). */
    public static RawQueue create(RawCmqClient client, String prefix, String... attributes) {
        String name = QueueNames.unique(prefix);
        Map<String, String> params = new LinkedHashMap<>(RawCmqClient.pairs(attributes));
        params.put("queueName", name);
        client.call("CreateQueue", params).assertOk();
        return new RawQueue(client, name);
    }

    public String name() {
        return name;
    }

    public RawCmqClient client() {
        return client;
    }

    /** Calls {@code action} with queueName set plus the given parameters (key, value, ...). */
    public Reply call(String action, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>(RawCmqClient.pairs(keyValues));
        params.put("queueName", name);
        return client.call(action, params);
    }

    public Reply send(String body) {
        return call("SendMessage", "msgBody", body);
    }

    public Reply send(String body, int delaySeconds) {
        return call("SendMessage", "msgBody", body, "delaySeconds", Integer.toString(delaySeconds));
    }

    /** SendMessage that must succeed; returns the msgId. */
    public String sendOk(String body) {
        return send(body).assertOk().text("msgId");
    }

    public Reply batchSend(List<String> bodies) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("queueName", name);
        for (int i = 0; i < bodies.size(); i++) {
            params.put("msgBody." + (i + 1), bodies.get(i));
        }
        return client.call("BatchSendMessage", params);
    }

    public Reply receive(int pollingWaitSeconds) {
        return call("ReceiveMessage", "pollingWaitSeconds", Integer.toString(pollingWaitSeconds));
    }

    public Reply batchReceive(int numOfMsg, int pollingWaitSeconds) {
        return call("BatchReceiveMessage", "numOfMsg", Integer.toString(numOfMsg),
                "pollingWaitSeconds", Integer.toString(pollingWaitSeconds));
    }

    public Reply delete(String receiptHandle) {
        return call("DeleteMessage", "receiptHandle", receiptHandle);
    }

    public Reply batchDelete(List<String> receiptHandles) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("queueName", name);
        for (int i = 0; i < receiptHandles.size(); i++) {
            params.put("receiptHandle." + (i + 1), receiptHandles.get(i));
        }
        return client.call("BatchDeleteMessage", params);
    }

    public Reply attributes() {
        return call("GetQueueAttributes").assertOk();
    }

    public Reply setAttributes(String... keyValues) {
        return call("SetQueueAttributes", keyValues);
    }
}
