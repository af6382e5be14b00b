package io.opencmq.bench.cli;

import io.opencmq.bench.cmq.CmqSigner;
import io.opencmq.bench.scenario.BenchOptions;
import io.opencmq.bench.scenario.BenchSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The options every load scenario shares, and the entry of {@code opencmq bench <scenario>}.
 * Options a scenario does not use are ignored; unset ones take the scenario's default
 * (shown as "scenario default" in --help and listed in docs/performance.md).
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public final class ScenarioCommand implements Callable<Integer> {
    private final Scenario scenario;

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", description = "The opencmq server (default: ${DEFAULT-VALUE}).")
    String endpoint = "http://127.0.0.1:8731";

    @Option(names = "--embedded", description = "Start an opencmq server inside this JVM (temp data dir) instead; it shares CPU with the generator.")
    boolean embedded;

    @Option(names = "--embedded-fsync", description = "fsync policy of the embedded server: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    EmbeddedFsync embeddedFsync = EmbeddedFsync.ALWAYS;

    @Option(names = "--compare-raw", description = "Also measure the raw HTTP limit (a minimal Netty server in a child JVM) with the same connections and request size, and report the ratio.")
    boolean compareRaw;

    @Option(names = "--raw-endpoint", description = "Use this running raw server (opencmq bench raw-server) instead of starting one.")
    String rawEndpoint;

    @Option(names = "--protocol", description = "Wire protocol of the load: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
            + "SQS is the JSON 1.0 protocol signed with SigV4 by the same key pair; batches at most 10, waits at most 20 s.")
    Protocol protocol = Protocol.CMQ;

    @Option(names = "--secret-id", description = "SecretId (default: $OPENCMQ_SECRET_ID, else <data-dir>/credentials.properties).")
    String secretId;

    @Option(names = "--secret-key", description = "SecretKey (default: $OPENCMQ_SECRET_KEY, else <data-dir>/credentials.properties).")
    String secretKey;

    @Option(names = "--data-dir", description = "The server's data dir, to read credentials.properties from (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--signature-method", description = "CMQ signatures: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). SQS always signs with SigV4.")
    CmqSigner.SignatureMethod signatureMethod = CmqSigner.SignatureMethod.HmacSHA256;

    @Option(names = {"-c", "--connections"}, description = "Producer connections (scenario default).")
    Integer connections;

    @Option(names = "--consumers", description = "Consumer connections (scenario default).")
    Integer consumers;

    @Option(names = "--depth", description = "Requests in flight per producer connection, HTTP/1.1 pipelining (default: ${DEFAULT-VALUE}).")
    int depth = 1;

    @Option(names = "--io-threads", description = "Generator event-loop threads (default: ${DEFAULT-VALUE}).")
    int ioThreads = 1;

    @Option(names = {"-d", "--duration"}, description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    double duration = 10;

    @Option(names = "--warmup", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    double warmup = 3;

    @Option(names = {"-s", "--size"}, description = "Message body bytes (default: ${DEFAULT-VALUE}).")
    int size = 1024;

    @Option(names = {"-b", "--batch"}, description = "Messages per send/receive/delete request (scenario default; 16, or 10 for SQS, where batch).")
    Integer batch;

    @Option(names = "--rate", description = "Producer rate limit in messages/s, 0 = none (scenario default).")
    Double rate;

    @Option(names = {"-q", "--queue"}, description = "Queue name, or name prefix for many queues (default: ${DEFAULT-VALUE}; '.fifo' is appended with --fifo-groups). Bench queues are purged before a run.")
    String queue = "bench";

    @Option(names = "--queues", description = "Number of queues for 'queues' (default: ${DEFAULT-VALUE}).")
    int queues = 10_000;

    @Option(names = "--wait-seconds", description = "Long-poll wait of consumers (scenario default: 5, or 1 for 'queues').")
    Integer waitSeconds;

    @Option(names = "--messages", description = "Backlog to fill and drain for 'drain' (default: ${DEFAULT-VALUE}).")
    long messages = 1_000_000;

    @Option(names = "--reference-messages", description = "Near-empty reference backlog for 'drain' (default: ${DEFAULT-VALUE}).")
    long referenceMessages = 500_000;

    @Option(names = "--receivers", description = "Parked long polls for 'parked' (default: ${DEFAULT-VALUE}).")
    int receivers = 1_000;

    @Option(names = "--max-seconds", description = "Upper bound on any count-bounded phase (fill, drain) (default: ${DEFAULT-VALUE}).")
    double maxSeconds = 600;

    @Option(names = "--no-purge", description = "Do not purge the bench queues before the run.")
    boolean noPurge;

    @Option(names = "--fifo-groups", paramLabel = "N", description = "SQS only: load FIFO queues (<queue>.fifo, created with FifoQueue=true) instead; "
            + "each message sent carries a MessageGroupId, round-robin among N groups, and a unique MessageDeduplicationId.")
    Integer fifoGroups;

    public ScenarioCommand(Scenario scenario) {
        this.scenario = scenario;
    }

    /** The protocols the generator speaks. */
    public enum Protocol {
        CMQ(16, 30), SQS(10, 20);

        /** The protocol's own limits: messages per batch request, seconds of a long poll. */
        final int maxBatch;
        final int maxWaitSeconds;

        Protocol(int maxBatch, int maxWaitSeconds) {
            this.maxBatch = maxBatch;
            this.maxWaitSeconds = maxWaitSeconds;
        }
    }

    /** fsync policies offered for the embedded server. */
    public enum EmbeddedFsync { ALWAYS, INTERVAL, NEVER }

    @Override
    public Integer call() throws Exception {
        int resolvedBatch = batch != null ? batch : defaultBatch();
        int resolvedWait = waitSeconds != null ? waitSeconds : scenario == Scenario.QUEUES ? 1 : 5;
        if (resolvedBatch < 1 || resolvedBatch > protocol.maxBatch) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be 1.." + protocol.maxBatch
                    + " for " + protocol.name().toLowerCase(java.util.Locale.ROOT) + ", was " + resolvedBatch);
        }
        if (resolvedWait < 0 || resolvedWait > protocol.maxWaitSeconds) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wait-seconds must be 0.." + protocol.maxWaitSeconds
                    + " for " + protocol.name().toLowerCase(java.util.Locale.ROOT) + ", was " + resolvedWait);
        }
        if (fifoGroups != null && protocol != Protocol.SQS) {
            // CMQ has no FIFO queues: the server refuses .fifo names and FifoQueue on its CMQ front.
            throw new CommandLine.ParameterException(spec.commandLine(), "--fifo-groups needs --protocol sqs (CMQ has no FIFO queues)");
        }
        if (fifoGroups != null && fifoGroups < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fifo-groups must be at least 1, was " + fifoGroups);
        }
        BenchOptions o = new BenchOptions(scenario.command(), protocol.name().toLowerCase(java.util.Locale.ROOT), endpoint, embedded, embeddedFsync.name(), compareRaw, rawEndpoint,
                secretId, secretKey, dataDir, signatureMethod,
                connections != null ? connections : defaultConnections(),
                consumers != null ? consumers : defaultConsumers(),
                depth, ioThreads, duration, warmup, size,
                resolvedBatch,
                rate != null ? rate : defaultRate(),
                queue, queues,
                resolvedWait,
                messages, referenceMessages, receivers, maxSeconds, !noPurge,
                fifoGroups != null ? fifoGroups : 0);
        try (BenchSession session = BenchSession.open(o, System.out)) {
            session.run();
        }
        return 0;
    }

    private int defaultConnections() {
        return switch (scenario) {
            case SEND, RAW -> 64;
            case BATCH_SEND -> 16;
            case CYCLE, QUEUES, DRAIN -> 4;
            case LATENCY, PARKED -> 2;
        };
    }

    private int defaultConsumers() {
        return switch (scenario) {
            case CYCLE, QUEUES, DRAIN -> 8;
            case LATENCY -> 2;
            default -> 0;
        };
    }

    private int defaultBatch() {
        return switch (scenario) {
            case SEND, RAW, PARKED -> 1;
            default -> protocol.maxBatch;
        };
    }

    private double defaultRate() {
        return switch (scenario) {
            case LATENCY -> 1000;
            case PARKED -> 100;
            default -> 0;
        };
    }
}
