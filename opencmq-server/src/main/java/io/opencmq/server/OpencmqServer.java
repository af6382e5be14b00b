package io.opencmq.server;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.time.Clock;
import io.opencmq.core.time.ExecutorScheduler;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import io.opencmq.server.http.HttpServer;
import io.opencmq.server.http.RequestRouter;
import io.opencmq.server.http.ServerStatus;
import io.opencmq.server.push.HttpPushOptions;
import io.opencmq.server.push.HttpPushTransport;
import io.opencmq.store.RocksMessageStore;
import io.opencmq.store.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running opencmq node: the wiring of store, engine, protocol and HTTP server, and their
 * lifecycle. This is the only place that knows all the modules; nothing depends on it.
 *
 * <p>Start order: data dir, credentials, store ({@code <dataDir>/store}), timer thread, HTTP
 * push transport, broker (recovers queues, topics and subscriptions, starts pushing), CMQ and
 * SQS APIs (same credentials), HTTP listener. {@link #close()} goes backwards and is graceful: health turns 503, the
 * listener closes, the broker answers parked long polls and stops its push pumps, the push
 * transport fails what waits and aborts what is in flight (those messages stay in their
 * subscription's push queue and are pushed again after a restart), the server waits (up to
 * {@value #DRAIN_SECONDS} s) for requests in flight, e.g. sends waiting for their fsync, then
 * closes connections and the store. Thread-safe; close is idempotent.
 */
public final class OpencmqServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpencmqServer.class);
    private static final long DRAIN_SECONDS = 10;

    private final ServerConfig config;
    private final Credentials credentials;
    private final RocksMessageStore store;
    private final ExecutorScheduler scheduler;
    private final HttpPushTransport push;
    private final Broker broker;
    private final ServerStatus status;
    private final HttpServer http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpencmqServer(ServerConfig config, Credentials credentials, RocksMessageStore store,
                          ExecutorScheduler scheduler, HttpPushTransport push, Broker broker, ServerStatus status,
                          HttpServer http) {
        this.config = config;
        this.credentials = credentials;
        this.store = store;
        this.scheduler = scheduler;
        this.push = push;
        this.broker = broker;
        this.status = status;
        this.http = http;
    }

    /** Starts a node and returns once it accepts requests. Port 0 picks a free port. */
    public static OpencmqServer start(ServerConfig config) throws Exception {
        return start(config, new CredentialsResolver(System::getenv, System.out));
    }

    static OpencmqServer start(ServerConfig config, CredentialsResolver credentialsResolver) throws Exception {
        long startNanos = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        ResolvedCredentials resolved = credentialsResolver.resolve(config.credentials(), dataDir);

        StoreOptions storeOptions = new StoreOptions(config.fsyncPolicy(), config.fsyncIntervalMillis(),
                StoreOptions.defaults().blockCacheBytes());
        RocksMessageStore store = RocksMessageStore.open(dataDir.resolve("store"), storeOptions);
        ExecutorScheduler scheduler = null;
        HttpPushTransport push = null;
        Broker broker = null;
        try {
            scheduler = new ExecutorScheduler("opencmq-timer");
            push = new HttpPushTransport(HttpPushOptions.withRequestTimeout(Duration.ofMillis(config.pushTimeoutMillis())));
            broker = Broker.open(store, Clock.SYSTEM, scheduler, BrokerOptions.defaults()
                    .withLimits(config.limits())
                    .withMaxParkedReceives(config.maxParkedReceives())
                    .withMaxDedupIds(dedupIdBudget(Runtime.getRuntime().maxMemory())), push);
            CmqApi api = new CmqApi(broker, broker, resolved.credentials(), CmqApiOptions.defaults(), Clock.SYSTEM);
            SqsApi sqs = new SqsApi(broker, resolved.credentials(), SqsApiOptions.defaults(), Clock.SYSTEM);
            ServerStatus status = new ServerStatus();
            HttpServer http = HttpServer.start(config, new RequestRouter(api, sqs, status), status);
            status.markUp();
            OpencmqServer server = new OpencmqServer(config, resolved.credentials(), store, scheduler, push, broker,
                    status, http);
            log.info("opencmq listening on {} | data dir {} | fsync {} | credentials {} (SecretId {}) | started in {} ms",
                    server.endpoint(), dataDir, describeFsync(config), describeOrigin(resolved.origin()),
                    resolved.credentials().secretId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return server;
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            if (push != null) {
                push.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.localAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8731}. */
    public String endpoint() {
        String host = config.bindAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Client connections open right now. */
    public int openConnections() {
        return http.openConnections();
    }

    /** Requests being answered right now (tests wait on it). */
    int requestsInFlight() {
        return status.inFlight();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        log.info("opencmq shutting down: {} request(s) in flight", status.inFlight());
        status.markShuttingDown();
        http.stopAccepting();
        broker.close();
        push.close();
        boolean drained;
        try {
            drained = status.awaitNoInFlight(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            log.warn("{} request(s) still unanswered after {} s; closing their connections", status.inFlight(), DRAIN_SECONDS);
        }
        http.close();
        scheduler.close();
        store.close();
        log.info("opencmq stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static String describeOrigin(ResolvedCredentials.Origin origin) {
        return switch (origin) {
            case CONFIG -> "from the configuration";
            case ENVIRONMENT -> "from " + CredentialsResolver.ENV_SECRET_ID + "/" + CredentialsResolver.ENV_SECRET_KEY;
            case DATA_DIR -> "from " + CredentialsResolver.FILE_NAME;
            case GENERATED -> "generated into " + CredentialsResolver.FILE_NAME;
        };
    }

    private static String describeFsync(ServerConfig config) {
        return switch (config.fsyncPolicy()) {
            case INTERVAL -> "interval (every " + config.fsyncIntervalMillis() + " ms)";
            case ALWAYS -> "always";
            case NEVER -> "never";
        };
    }

    /**
     * FIFO deduplication ids the broker may remember: a quarter of the heap at about 256 bytes
     * each, so that raising -Xmx raises it (1 GiB: about 1,000,000, five minutes of FIFO sends
     * at about 3,500 a second).
     */
    static int dedupIdBudget(long maxHeapBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(10_000, maxHeapBytes / 4 / 256));
    }
}
