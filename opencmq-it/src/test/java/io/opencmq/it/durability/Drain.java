package io.opencmq.it.durability;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Empties a queue after a restart: receives in batches and deletes at once, counting how often
 * each body was seen, so a test can tell "missing" from "duplicated". Stops when the expected
 * number of distinct bodies was seen and a final receive finds nothing, or when time runs out.
 */
final class Drain {

    private Drain() {
    }

    static Map<String, Integer> queue(RawQueue queue, int expectedAtLeast, Duration timeout) {
        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = queue.batchReceive(16, 1);
            if (reply.code() == 7000) {
                if (seen.size() >= expectedAtLeast) {
                    break;
                }
                continue;
            }
            reply.assertOk();
            List<String> handles = new ArrayList<>();
            for (JsonNode m : reply.array("msgInfoList")) {
                seen.merge(m.get("msgBody").asText(), 1, Integer::sum);
                handles.add(m.get("receiptHandle").asText());
            }
            Reply deleted = queue.batchDelete(handles);
            if (!deleted.ok()) {
                throw new AssertionError("batch delete during drain failed: " + deleted);
            }
        }
        return seen;
    }
}
