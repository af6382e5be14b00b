package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsError;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsLimits;
import io.opencmq.protocol.sqs.request.SqsParams;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every SQS batch shares, checked before any entry is applied: 1–10 entries
 * (EmptyBatchRequest, TooManyEntriesInBatchRequest), each with an Id of 1–80 alphanumerics,
 * '-' and '_' (InvalidBatchEntryId), no Id twice (BatchEntryIdsNotDistinct). And the shape of
 * a batch answer: {@code Successful} and {@code Failed} lists, a failure being
 * {Id, SenderFault, Code, Message}.
 */
final class BatchEntries {

    private BatchEntries() {
    }

    static List<SqsParams> entries(SqsParams params, String entryName) {
        List<SqsParams> entries = params.structList("Entries");
        if (entries.isEmpty()) {
            throw SqsErrors.emptyBatch(entryName);
        }
        if (entries.size() > SqsLimits.MAX_BATCH_ENTRIES) {
            throw SqsErrors.tooManyEntries(entries.size(), SqsLimits.MAX_BATCH_ENTRIES);
        }
        Set<String> ids = new HashSet<>();
        for (SqsParams entry : entries) {
            String id = entry.string("Id");
            if (id == null || !SqsLimits.BATCH_ENTRY_ID.matcher(id).matches()) {
                throw SqsErrors.invalidBatchEntryId(id);
            }
            if (!ids.add(id)) {
                throw SqsErrors.batchEntryIdsNotDistinct(id);
            }
        }
        return entries;
    }

    static void addFailure(ArrayNode failed, String id, SqsError error) {
        ObjectNode f = failed.addObject();
        f.put("Id", id);
        f.put("SenderFault", error.senderFault());
        f.put("Code", error.queryCode());
        f.put("Message", error.message());
    }
}
