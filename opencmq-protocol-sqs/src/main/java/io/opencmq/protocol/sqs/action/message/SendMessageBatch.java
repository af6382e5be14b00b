package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.core.message.SentMessage;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * SendMessageBatch: QueueUrl, Entries (1–10) of {Id, MessageBody, DelaySeconds,
 * MessageAttributes, MessageSystemAttributes, MessageGroupId, MessageDeduplicationId}. An entry
 * that is invalid on its own (empty body, bad attribute, too large, FIFO rules broken) is
 * answered in {@code Failed} with SenderFault true; the others are
 * sent together in one durable write and answered in {@code Successful}. Request-level
 * problems (entry count, ids, bodies together over 1 MiB, missing queue) fail the whole call.
 * A full queue fails every entry of the write, in {@code Failed}.
 */
final class SendMessageBatch implements SqsAction {

    /** SQS's limit on a batch's messages together (body and attributes), as the core's batch limit. */

    private final QueueService service;

    SendMessageBatch(QueueService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SendMessageBatch";
    }

    @Override
    public CompletableFuture<ObjectNode> handle(SqsParams params, SqsContext context) {
        String name = context.queueName(params);
        List<SqsParams> entries = BatchEntries.entries(params, "SendMessageBatchRequestEntry");
        TargetQueue queue = TargetQueue.of(service.getQueueConfig(name));

        ObjectNode result = SqsContext.result();
        ArrayNode successful = result.putArray("Successful");
        ArrayNode failed = result.putArray("Failed");
        List<String> ids = new ArrayList<>();
        List<MessageToSend> valid = new ArrayList<>();
        long total = 0;
        for (SqsParams entry : entries) {
            String id = entry.string("Id");
            try {
                MessageToSend m = MessageToSend.parse(entry);
                total += m.size();
                m.check(queue);
                ids.add(id);
                valid.add(m);
            } catch (SqsException e) {
                BatchEntries.addFailure(failed, id, e.error());
            }
        }
        if (total > SqsLimits.MAX_BATCH_BYTES) {
            throw SqsErrors.batchRequestTooLong(total, SqsLimits.MAX_BATCH_BYTES);
        }
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<OutgoingMessage> outgoing = valid.stream().map(m -> m.toOutgoing(queue)).toList();
        return Futures.call(() -> service.sendMessages(name, outgoing)).handle((sent, failure) -> {
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                if (cause instanceof QueueException e && e.reason() == ErrorReason.QUEUE_FULL) {
                    for (String id : ids) {
                        BatchEntries.addFailure(failed, id, SqsErrors.of(e));
                    }
                    return result;
                }
                throw new CompletionException(cause);
            }
            for (int i = 0; i < sent.size(); i++) {
                ObjectNode s = successful.addObject();
                s.put("Id", ids.get(i));
                SentMessage m = sent.get(i);
                SendMessage.result(s, valid.get(i), m, queue.fifo());
            }
            return result;
        });
    }
}
