package io.opencmq.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.bench.cmq.CmqAdmin;
import io.opencmq.bench.cmq.Endpoint;
import io.opencmq.bench.load.CmqWire;
import io.opencmq.bench.load.Connections;
import io.opencmq.bench.load.Lane;
import io.opencmq.bench.load.LoadStats;
import io.opencmq.bench.load.PhaseRunner;
import io.opencmq.bench.load.Role;
import io.opencmq.bench.load.SendRole;
import io.opencmq.bench.load.SqsWire;
import io.opencmq.bench.load.Wire;
import io.opencmq.bench.raw.RawServerProcess;
import io.opencmq.bench.report.CpuMeter;
import io.opencmq.bench.report.HeapProbe;
import io.opencmq.bench.report.PhaseResult;
import io.opencmq.bench.report.Report;
import io.opencmq.bench.report.ReportFormatter;
import io.opencmq.bench.report.ServerProcess;
import io.opencmq.bench.sqs.SqsAdmin;
import io.opencmq.core.auth.Credentials;
import io.opencmq.server.OpencmqServer;
import io.opencmq.server.ServerConfig;
import io.opencmq.store.FsyncPolicy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One {@code opencmq bench} invocation: the server under load (found by its endpoint, or
 * embedded), the credentials, the optional raw yardstick, and the helpers the scenarios are
 * made of (set up queues, run a phase of load on fresh connections, probe the heap). It
 * prints the progress, the summary and, last, the JSON line.
 */
public final class BenchSession implements AutoCloseable {
    private final BenchOptions options;
    private final PrintStream out;
    private final Wire target;
    private final CmqAdmin admin;
    /** Null unless the queues are FIFO queues, which only the SQS API can create. */
    private final SqsAdmin fifoAdmin;
    private final OptionalLong serverPid;
    private final OpencmqServer embedded;
    private final Path embeddedDir;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private RawServerProcess rawProcess;

    private BenchSession(BenchOptions options, PrintStream out, Endpoint endpoint, Credentials credentials,
                         OptionalLong serverPid, OpencmqServer embedded, Path embeddedDir) {
        this.options = options;
        this.out = out;
        this.target = wire(options, endpoint, credentials);
        this.serverPid = serverPid;
        this.embedded = embedded;
        this.embeddedDir = embeddedDir;
        // Queues are set up and inspected through the CMQ API whatever the load's protocol: both
        // fronts share the queues, and CMQ's GetQueueAttributes gives the backlog as a number.
        this.admin = new CmqAdmin(endpoint, credentials.secretId(), credentials.secretKey(), options.signatureMethod());
        this.fifoAdmin = options.fifo()
                ? new SqsAdmin(endpoint, credentials.secretId(), credentials.secretKey(), SqsWire.REGION) : null;
    }

    /** The load's protocol: CMQ forms, or SQS JSON 1.0 signed with SigV4 by the same key pair. */
    static Wire wire(BenchOptions o, Endpoint endpoint, Credentials c) {
        return switch (o.protocol()) {
            case "cmq" -> new CmqWire(endpoint, c.secretId(), c.secretKey(), o.signatureMethod());
            case "sqs" -> new SqsWire(endpoint, c.secretId(), c.secretKey(), o.fifoGroups());
            default -> throw new IllegalArgumentException("unknown protocol " + o.protocol());
        };
    }

    public static BenchSession open(BenchOptions o, PrintStream out) throws Exception {
        if (o.embedded()) {
            Path dir = Files.createTempDirectory("opencmq-bench-");
            Credentials credentials = new Credentials("AKIDbench" + UUID.randomUUID().toString().replace("-", ""),
                    UUID.randomUUID().toString().replace("-", ""));
            OpencmqServer server = OpencmqServer.start(ServerConfig.defaults(dir).withPort(0)
                    .withCredentials(credentials)
                    .withFsyncPolicy(FsyncPolicy.valueOf(o.embeddedFsync()))
                    .withMaxConnections(Math.max(10_000, o.receivers() + o.connections() + o.consumers() + 100)));
            Endpoint endpoint = Endpoint.parse(server.endpoint());
            return new BenchSession(o, out, endpoint, credentials, OptionalLong.empty(), server, dir);
        }
        Endpoint endpoint = Endpoint.parse(o.endpoint());
        Credentials c = credentials(o);
        OptionalLong pid = ServerProcess.listeningOn(endpoint.port());
        if (pid.isEmpty()) {
            out.println("bench: no local process found listening on port " + endpoint.port()
                    + "; server CPU and heap will not be reported");
        }
        return new BenchSession(o, out, endpoint, c, pid, null, null);
    }

    /** --secret-id/--secret-key, else the environment, else the data dir's credentials.properties. */
    static Credentials credentials(BenchOptions o) throws IOException {
        if (o.secretId() != null && o.secretKey() != null) {
            return new Credentials(o.secretId(), o.secretKey());
        }
        String id = System.getenv("OPENCMQ_SECRET_ID");
        String key = System.getenv("OPENCMQ_SECRET_KEY");
        if (id != null && key != null && !id.isBlank() && !key.isBlank()) {
            return new Credentials(id, key);
        }
        Path file = o.dataDir().resolve("credentials.properties");
        if (!Files.isReadable(file)) {
            throw new IOException("no credentials: pass --secret-id/--secret-key, set OPENCMQ_SECRET_ID/OPENCMQ_SECRET_KEY,"
                    + " or point --data-dir at the server's data dir (" + file + " not readable)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new Credentials(p.getProperty("secretId"), p.getProperty("secretKey"));
    }

    public void run() throws Exception {
        settings.put("scenario", options.scenario());
        settings.put("protocol", options.protocol());
        if (options.fifo()) {
            settings.put("fifoGroups", options.fifoGroups());
        }
        settings.put("endpoint", embedded != null ? "embedded " + target.endpoint() + " (fsync " + options.embeddedFsync().toLowerCase() + ")" : target.endpoint().toString());
        settings.put("serverPid", serverPid.isPresent() ? serverPid.getAsLong() : null);
        settings.put("javaVersion", Runtime.version().toString());
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        settings.put("connections", options.connections());
        settings.put("consumers", options.consumers());
        settings.put("depth", options.depth());
        settings.put("ioThreads", options.ioThreads());
        settings.put("batch", options.batch());
        settings.put("messageBytes", options.size());
        settings.put("rate", options.rate());
        settings.put("signatureMethod", options.protocol().equals("sqs") ? "AWS4-HMAC-SHA256" : options.signatureMethod().name());
        settings.put("warmupSeconds", options.warmup());
        settings.put("durationSeconds", options.duration());
        Report report = new ScenarioPlans(this, options).run();
        out.println();
        out.print(ReportFormatter.summary(report));
        out.println(ReportFormatter.jsonLine(report));
    }

    Map<String, Object> settings() {
        return settings;
    }

    Wire target() {
        return target;
    }

    PrintStream out() {
        return out;
    }

    /**
     * Creates the queues (existing ones are fine) and purges them unless told not to; 16 calls at
     * a time. FIFO queues are created through SQS, then purged through CMQ like the others.
     */
    void setUpQueues(List<String> names) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> {
                    if (fifoAdmin != null) {
                        fifoAdmin.createFifoQueue(name);
                    } else {
                        admin.require("CreateQueue", Map.of("queueName", name), 4460);
                    }
                    if (options.purge()) {
                        admin.require("ClearQueue", Map.of("queueName", name));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (names.size() > 1) {
            out.printf("bench: %,d queues ready in %.1f s%n", names.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** activeMsgNum of a queue, or -1. */
    long activeMessages(String queue) throws Exception {
        JsonNode r = admin.call("GetQueueAttributes", Map.of("queueName", queue));
        return r.path("code").asInt(-1) == 0 ? r.path("activeMsgNum").asLong(-1) : -1;
    }

    void purge(String queue) throws Exception {
        admin.require("ClearQueue", Map.of("queueName", queue));
    }

    /** A group of connections with the same role. */
    record LaneGroup(int count, int depth, IntFunction<Role> role) { }

    /** Runs a phase of load against the opencmq server on fresh connections. */
    PhaseResult phase(String name, LoadStats stats, List<LaneGroup> groups, double warmup, double seconds,
                      BooleanSupplier done) throws Exception {
        return phase(name, target.endpoint(), meter(serverPid), stats, groups, warmup, seconds, done);
    }

    private PhaseResult phase(String name, Endpoint endpoint, CpuMeter cpu, LoadStats stats, List<LaneGroup> groups,
                              double warmup, double seconds, BooleanSupplier done) throws Exception {
        try (Connections connections = new Connections(options.ioThreads())) {
            List<Lane> lanes = new ArrayList<>();
            for (LaneGroup g : groups) {
                for (int i = 0; i < g.count(); i++) {
                    lanes.add(new Lane(g.role().apply(i), g.depth(), stats));
                }
            }
            connections.open(endpoint, lanes);
            return new PhaseRunner(cpu, out).run(name, stats, lanes, warmup, seconds, done);
        }
    }

    /** Connections that are opened now and stay until {@link Connections#close()}: parked receivers. */
    Connections openIdle(LaneGroup group, LoadStats stats, List<Lane> into) throws Exception {
        Connections connections = new Connections(options.ioThreads());
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < group.count(); i++) {
            lanes.add(new Lane(group.role().apply(i), group.depth(), stats));
        }
        connections.open(target.endpoint(), lanes);
        into.addAll(lanes);
        return connections;
    }

    /**
     * The raw HTTP limit: SendMessage-shaped requests of the load's protocol, of the configured
     * size and batch, on the same number of connections and depth, against the minimal Netty
     * server (which answers 200 to anything, so both protocols count every answer a success).
     */
    PhaseResult rawPhase() throws Exception {
        Endpoint endpoint;
        OptionalLong pid;
        if (options.rawEndpoint() != null) {
            endpoint = Endpoint.parse(options.rawEndpoint());
            pid = ServerProcess.listeningOn(endpoint.port());
        } else {
            if (rawProcess == null) {
                rawProcess = RawServerProcess.start();
            }
            endpoint = new Endpoint("127.0.0.1", rawProcess.port());
            pid = OptionalLong.of(rawProcess.pid());
        }
        Wire raw = target.at(endpoint);
        int batch = options.scenario().equals("raw") || options.scenario().equals("send") ? 1 : options.batch();
        LoadStats stats = new LoadStats();
        List<String> queue = List.of(options.queueName());
        return phase("raw", endpoint, new CpuMeter(pid, false, Connections.THREAD_PREFIX), stats,
                List.of(new LaneGroup(options.connections(), options.depth(),
                        i -> new SendRole(raw, queue, i, batch, options.size(), null, null, stats, options.depth()))),
                options.warmup(), options.duration(), () -> false);
    }

    /** The server's live heap in bytes (after a full GC), or -1. */
    long liveHeap() {
        if (embedded == null && serverPid.isEmpty()) {
            return -1;
        }
        return new HeapProbe(embedded != null ? OptionalLong.empty() : serverPid).liveHeapBytes();
    }

    private CpuMeter meter(OptionalLong pid) {
        return new CpuMeter(pid, embedded != null, Connections.THREAD_PREFIX);
    }

    @Override
    public void close() throws Exception {
        if (rawProcess != null) {
            rawProcess.close();
        }
        if (embedded != null) {
            embedded.close();
            try (Stream<Path> files = Files.walk(embeddedDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
