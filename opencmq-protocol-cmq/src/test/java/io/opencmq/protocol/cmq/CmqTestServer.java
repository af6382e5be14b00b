package io.opencmq.protocol.cmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CMQ API over the real engine with an in-heap store and a manual clock, driven with
 * signed requests: what handler tests talk to.
 */
public final class CmqTestServer implements AutoCloseable {
    public static final Credentials CREDENTIALS = new Credentials("AKIDtestSecretId", "test-secret-key-0123456789");
    public static final long START_MILLIS = 1_700_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final ManualClock clock = new ManualClock(START_MILLIS);
    public final Broker broker;
    public final CmqApi api;
    public final SignedRequests requests = new SignedRequests(CREDENTIALS);

    public CmqTestServer() {
        this(BrokerOptions.defaults(), CmqApiOptions.defaults());
    }

    public CmqTestServer(BrokerOptions brokerOptions, CmqApiOptions apiOptions) {
        this(brokerOptions, apiOptions, PushTransport.UNAVAILABLE);
    }

    /** With a transport for HTTP subscriptions' pushes. */
    public CmqTestServer(BrokerOptions brokerOptions, CmqApiOptions apiOptions, PushTransport pushTransport) {
        broker = Broker.open(new MemoryMessageStore(), clock, clock, brokerOptions, pushTransport);
        api = new CmqApi(broker, broker, CREDENTIALS, apiOptions, clock);
    }

    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    /** Sends a signed POST and waits for the answer. */
    public JsonNode call(String action, String... nameValues) {
        return await(send(action, nameValues));
    }

    /** Sends a signed POST without waiting (for long polls). */
    public CompletableFuture<byte[]> send(String action, String... nameValues) {
        return api.handle(requests.request(action, nowSeconds(), nameValues));
    }

    public static JsonNode await(CompletableFuture<byte[]> future) {
        try {
            return parse(future.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    public static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
