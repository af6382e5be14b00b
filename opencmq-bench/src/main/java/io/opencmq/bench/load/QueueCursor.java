package io.opencmq.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The queues one connection sends to or receives from, taken round-robin from a per-connection
 * starting point so that connections spread evenly over many queues. Event-loop confined.
 */
final class QueueCursor {
    private final byte[][] names;
    private int next;

    QueueCursor(List<String> queues, int start) {
        names = new byte[queues.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = queues.get(i).getBytes(StandardCharsets.UTF_8);
        }
        next = Math.floorMod(start, names.length);
    }

    byte[] next() {
        byte[] n = names[next];
        next = next + 1 == names.length ? 0 : next + 1;
        return n;
    }
}
