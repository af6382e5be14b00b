package io.opencmq.it.topic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A subscriber's HTTP endpoint for push tests: a JDK HttpServer on 127.0.0.1 that records every
 * POST it gets and answers as the test says ({@link #answer}), which may change while the test
 * runs (failing first, healthy later). Each request gets its own thread, so a slow answer holds
 * up nothing else of the receiver.
 */
final class PushReceiver implements AutoCloseable {

    /** How to answer one push: this status, after this pause. */
    record Answer(int status, long delayMillis) {
        static Answer ok() {
            return new Answer(200, 0);
        }

        static Answer status(int status) {
            return new Answer(status, 0);
        }

        static Answer slow(long delayMillis) {
            return new Answer(200, delayMillis);
        }
    }

    /** Decides the answer to a push from what arrived (e.g. by path or by how often its message came). */
    @FunctionalInterface
    interface Policy {
        Answer answer(Push push, PushReceiver receiver);
    }

    /**
     * One push as it arrived.
     *
     * @param arrivedNanos {@link System#nanoTime()} on arrival
     * @param headers first value of each header, names in lower case
     */
    record Push(long arrivedNanos, String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String messageId() {
            return header("x-cmq-message-id");
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The key under which pushes to every path are counted together; no real path looks like it. */
    static final String ALL_PATHS = "*";

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Push> pushes = new ArrayList<>();
    private final List<Push> accepted = new ArrayList<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> peakInFlight = new HashMap<>();
    private volatile Policy policy;

    PushReceiver(Policy policy) {
        this.policy = policy;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static PushReceiver answering(Answer answer) {
        return new PushReceiver((push, receiver) -> answer);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            Push push = new Push(System.nanoTime(), exchange.getRequestURI().getPath(), Map.copyOf(headers),
                    exchange.getRequestBody().readAllBytes());
            synchronized (this) {
                pushes.add(push);
                int now = inFlight.merge(push.path(), 1, Integer::sum);
                peakInFlight.merge(push.path(), now, Math::max);
                int total = inFlight.merge(ALL_PATHS, 1, Integer::sum);
                peakInFlight.merge(ALL_PATHS, total, Math::max);
            }
            try {
                Answer answer = policy.answer(push, this);
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                exchange.sendResponseHeaders(answer.status(), -1);
                if (answer.status() >= 200 && answer.status() < 300) {
                    synchronized (this) {
                        accepted.add(push);
                    }
                }
            } finally {
                synchronized (this) {
                    inFlight.merge(push.path(), -1, Integer::sum);
                    inFlight.merge(ALL_PATHS, -1, Integer::sum);
                }
            }
        } catch (IOException | InterruptedException e) {
            // The server gave up on this push (timeout) or the receiver is closing.
        }
    }

    /** From now on, answer by {@code newPolicy}. */
    void answer(Policy newPolicy) {
        policy = newPolicy;
    }

    void answer(Answer answer) {
        policy = (push, receiver) -> answer;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every push that arrived, in arrival order. */
    synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    synchronized List<Push> pushes(Predicate<Push> which) {
        return pushes.stream().filter(which).toList();
    }

    /** Pushes answered with a 2xx, in arrival order. */
    synchronized List<Push> accepted() {
        return List.copyOf(accepted);
    }

    /** How many pushes of message {@code msgId} arrived so far. */
    synchronized int attempts(String msgId) {
        int n = 0;
        for (Push p : pushes) {
            if (msgId.equals(p.messageId())) {
                n++;
            }
        }
        return n;
    }

    /** The most pushes to {@code path} ({@link #ALL_PATHS}: to any path) that were being answered at the same time. */
    synchronized int peakInFlight(String path) {
        return peakInFlight.getOrDefault(path, 0);
    }

    List<Push> pushesOf(String msgId) {
        return pushes(p -> msgId.equals(p.messageId()));
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Arrival times of {@code pushes}, in seconds after the first one. */
    static List<Double> secondsSinceFirst(List<Push> pushes) {
        List<Double> out = new ArrayList<>();
        for (Push p : pushes) {
            out.add((p.arrivedNanos() - pushes.getFirst().arrivedNanos()) / 1e9);
        }
        return out;
    }
}
