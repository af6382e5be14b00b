package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ReceiveMessage: QueueUrl, MaxNumberOfMessages (1–10, default 1), WaitTimeSeconds (0–20;
 * absent = the queue's ReceiveMessageWaitTimeSeconds), VisibilityTimeout (0–43200; absent =
 * the queue's), AttributeNames / MessageSystemAttributeNames, MessageAttributeNames,
 * ReceiveRequestAttemptId (1–128 letters, digits and punctuation; on a FIFO queue a retry with
 * the same id within five minutes gets the same messages and receipt handles; ignored on a
 * standard queue, as SQS does).
 *
 * <p>Each message answers MessageId, ReceiptHandle, MD5OfBody, Body, the requested system
 * attributes (SenderId, SentTimestamp, ApproximateReceiveCount,
 * ApproximateFirstReceiveTimestamp, AWSTraceHeader when sent, MessageGroupId when sent,
 * MessageDeduplicationId and SequenceNumber on FIFO queues, DeadLetterQueueSourceArn for a
 * message moved to this queue as a dead letter) and the requested message attributes with
 * their MD5OfMessageAttributes. Names that are no message system attribute
 * (some clients pass queue attribute names here) are ignored. A message sent through the CMQ
 * API has no attributes; its SenderId is the server's account id, like every message's, since
 * one key pair signs everything.
 */
final class ReceiveMessage implements SqsAction {

    private static final Set<String> SYSTEM_ATTRIBUTES = Set.of("SenderId", "SentTimestamp", "ApproximateReceiveCount",
            "ApproximateFirstReceiveTimestamp", "AWSTraceHeader", "MessageGroupId", "MessageDeduplicationId", "SequenceNumber",
            "DeadLetterQueueSourceArn");

    private final QueueService service;

    ReceiveMessage(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ReceiveMessage";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        Integer max = params.optionalInt("MaxNumberOfMessages", 1, SqsLimits.MAX_RECEIVE_MESSAGES);
        Integer wait = params.optionalInt("WaitTimeSeconds", 0, SqsLimits.MAX_WAIT_SECONDS);
        Integer visibility = params.optionalInt("VisibilityTimeout", 0, SqsLimits.MAX_VISIBILITY_TIMEOUT);
        Set<String> systemNames = new LinkedHashSet<>(params.stringList("AttributeNames"));
        systemNames.addAll(params.stringList("MessageSystemAttributeNames"));
        List<String> attributeNames = params.stringList("MessageAttributeNames");
        String attemptId = attemptId(params, name);
        // A client that goes away stops the wait (see ClientDisconnect).
        return context.disconnect().endsEmptyOnDisconnect(service.receive(name, max == null ? 1 : max, wait,
                visibility, attemptId)).thenApply(messages -> {
            ObjectNode result = SqsContext.result();
            ArrayNode out = result.putArray("Messages");
            for (ReceivedMessage m : messages) {
                write(out.addObject(), m, systemNames, attributeNames, context);
            }
            return result;
        });
    }

    /**
     * The ReceiveRequestAttemptId to pass on: checked on a FIFO queue; on a standard queue SQS
     * ignores the parameter entirely, so any value (even a malformed one) is dropped. The queue's
     * kind is looked up only when the value is present.
     */
    private String attemptId(SqsParams params, String queueName) {
        if (params.string("ReceiveRequestAttemptId") == null) {
            return null;
        }
        if (!service.getQueueConfig(queueName).isFifo()) {
            return null;
        }
        return MessageToSend.fifoId(params, "ReceiveRequestAttemptId");
    }

    private static void write(ObjectNode out, ReceivedMessage m, Set<String> systemNames, List<String> attributeNames,
                              SqsContext context) {
        String body = new String(m.body(), StandardCharsets.UTF_8);
        AttributeCodec.Attributes stored = AttributeCodec.decode(m.attributes());
        out.put("MessageId", m.msgId());
        out.put("ReceiptHandle", m.receiptHandle());
        out.put("MD5OfBody", AttributeMd5.ofBody(body));
        out.put("Body", body);

        boolean all = systemNames.contains("All");
        ObjectNode system = out.putObject("Attributes");
        if (all || systemNames.contains("SenderId")) {
            system.put("SenderId", context.accountId());
        }
        if (all || systemNames.contains("SentTimestamp")) {
            system.put("SentTimestamp", Long.toString(m.enqueueTimeMillis()));
        }
        if (all || systemNames.contains("ApproximateReceiveCount")) {
            system.put("ApproximateReceiveCount", Integer.toString(m.dequeueCount()));
        }
        if (all || systemNames.contains("ApproximateFirstReceiveTimestamp")) {
            system.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstDequeueTimeMillis()));
        }
        for (MessageAttribute a : stored.system()) {
            if (SYSTEM_ATTRIBUTES.contains(a.name()) && (all || systemNames.contains(a.name()))) {
                system.put(a.name(), a.stringValue());
            }
        }
        if (m.groupId() != null && (all || systemNames.contains("MessageGroupId"))) {
            system.put("MessageGroupId", m.groupId());
        }
        // Only FIFO messages have a deduplication id (the core requires one there and refuses
        // it elsewhere), so it also tells that the message has a SequenceNumber to show.
        if (m.dedupId() != null) {
            if (all || systemNames.contains("MessageDeduplicationId")) {
                system.put("MessageDeduplicationId", m.dedupId());
            }
            if (all || systemNames.contains("SequenceNumber")) {
                system.put("SequenceNumber", SequenceNumber.format(m.sequenceNumber()));
            }
        }
        if (m.deadLetterSource() != null && (all || systemNames.contains("DeadLetterQueueSourceArn"))) {
            system.put("DeadLetterQueueSourceArn", context.queueArn(m.deadLetterSource()));
        }
        if (system.isEmpty()) {
            out.remove("Attributes");
        }

        List<MessageAttribute> selected = new ArrayList<>();
        for (MessageAttribute a : stored.user()) {
            if (selected(a.name(), attributeNames)) {
                selected.add(a);
            }
        }
        if (!selected.isEmpty()) {
            out.put("MD5OfMessageAttributes", AttributeMd5.ofAttributes(selected));
            ObjectNode attributes = out.putObject("MessageAttributes");
            for (MessageAttribute a : selected) {
                ObjectNode v = attributes.putObject(a.name());
                if (a.isBinary()) {
                    v.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
                } else {
                    v.put("StringValue", a.stringValue());
                }
                v.put("DataType", a.dataType());
            }
        }
    }

    /** "All" and ".*" select every attribute, "prefix.*" those starting with "prefix.", a name itself. */
    private static boolean selected(String name, List<String> requested) {
        for (String r : requested) {
            if (r.equals("All") || r.equals(".*") || r.equals(name)
                    || (r.endsWith(".*") && name.startsWith(r.substring(0, r.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
