package io.opencmq.core.engine;

import io.opencmq.core.spi.PushTransport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for the HTTP endpoints a subscription pushes to, for engine tests on a manual
 * clock: records every request and answers with scripted statuses (200 once the script runs
 * out). The real HTTP transport is tested against a real HTTP server in the server and
 * black-box modules.
 */
final class RecordingEndpoint implements PushTransport {
    final List<PushRequest> requests = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private int defaultStatus = 200;

    synchronized RecordingEndpoint answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    synchronized RecordingEndpoint alwaysAnswer(int status) {
        defaultStatus = status;
        return this;
    }

    @Override
    public synchronized CompletableFuture<PushResult> push(PushRequest request) {
        requests.add(request);
        int status = script.isEmpty() ? defaultStatus : script.poll();
        return CompletableFuture.completedFuture(status == 0 ? new PushResult(0, "timed out") : new PushResult(status, null));
    }

    synchronized List<String> bodies() {
        return requests.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
    }
}
