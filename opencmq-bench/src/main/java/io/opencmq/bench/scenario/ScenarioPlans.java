package io.opencmq.bench.scenario;

import io.opencmq.bench.load.Connections;
import io.opencmq.bench.load.ConsumeRole;
import io.opencmq.bench.load.Lane;
import io.opencmq.bench.load.LoadStats;
import io.opencmq.bench.load.Pacer;
import io.opencmq.bench.load.SendRole;
import io.opencmq.bench.report.PhaseResult;
import io.opencmq.bench.report.Report;
import io.opencmq.bench.scenario.BenchSession.LaneGroup;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios, each a short sequence of phases on a {@link BenchSession}. See
 * docs/performance.md for what each one measures and which target of the performance issue
 * it checks.
 */
final class ScenarioPlans {
    /** Time given to the receivers to send their receives and park before the heap is read. */
    private static final long PARK_SETTLE_MILLIS = 3000;
    private static final int PREFILL_PER_QUEUE = 32;

    private final BenchSession session;
    private final BenchOptions o;
    private final List<PhaseResult> phases = new ArrayList<>();
    private final Map<String, Object> derived = new LinkedHashMap<>();

    ScenarioPlans(BenchSession session, BenchOptions options) {
        this.session = session;
        this.o = options;
    }

    Report run() throws Exception {
        switch (o.scenario()) {
            case "send", "batch-send" -> sends();
            case "raw" -> phases.add(session.rawPhase());
            case "cycle" -> cycle();
            case "latency" -> latency();
            case "drain" -> drain();
            case "queues" -> manyQueues();
            case "parked" -> parked();
            default -> throw new IllegalArgumentException("unknown scenario " + o.scenario());
        }
        return new Report(o.scenario(), session.settings(), phases, derived);
    }

    private void sends() throws Exception {
        List<String> queue = List.of(o.queueName());
        session.setUpQueues(queue);
        PhaseResult raw = o.compareRaw() ? session.rawPhase() : null;
        if (raw != null) {
            phases.add(raw);
        }
        int batch = o.scenario().equals("send") ? 1 : o.batch();
        LoadStats stats = new LoadStats();
        // The phase is named after the protocol ("cmq", "sqs"): the raw phase, if any, is the other one.
        PhaseResult load = session.phase(o.protocol(), stats, List.of(producers(queue, batch, null, null, stats)),
                o.warmup(), o.duration(), () -> false);
        phases.add(load);
        if (raw != null) {
            derived.put("ratioToRawRequests", load.requestsPerSecond() / raw.requestsPerSecond());
        }
    }

    private void cycle() throws Exception {
        List<String> queue = List.of(o.queueName());
        session.setUpQueues(queue);
        addRawIfAsked();
        PhaseResult p = cyclePhase("cycle", queue);
        derived.put("backlogGrowthPerSec", (p.counts().sent() - p.counts().received()) / p.seconds());
        ratioToRaw(p);
    }

    private PhaseResult cyclePhase(String name, List<String> queues) throws Exception {
        LoadStats stats = new LoadStats();
        Pacer pacer = o.rate() > 0 ? new Pacer(o.rate()) : null;
        PhaseResult p = session.phase(name, stats, List.of(
                producers(queues, o.batch(), pacer, null, stats),
                consumers(queues, o.consumers(), o.batch(), o.waitSeconds(), stats)), o.warmup(), o.duration(), () -> false);
        phases.add(p);
        return p;
    }

    private void latency() throws Exception {
        List<String> queue = List.of(o.queueName());
        session.setUpQueues(queue);
        LoadStats stats = new LoadStats();
        Pacer pacer = new Pacer(o.rate() > 0 ? o.rate() : 1000);
        PhaseResult p = session.phase("latency", stats, List.of(
                producers(queue, 1, pacer, null, stats),
                consumers(queue, o.consumers(), o.batch(), o.waitSeconds(), stats)), o.warmup(), o.duration(), () -> false);
        phases.add(p);
        putLatencies("endToEnd", p.endToEnd());
    }

    /**
     * Fill a small reference backlog and drain it, then the big one; the drain phases are
     * consumers only, bounded by the count and by --max-seconds.
     */
    private void drain() throws Exception {
        List<String> queue = List.of(o.queueName());
        session.setUpQueues(queue);
        PhaseResult reference = fillAndDrain("reference", queue, o.referenceMessages());
        session.purge(o.queueName());
        PhaseResult big = fillAndDrain("large", queue, o.messages());
        derived.put("drainRatio", big.receivedPerSecond() / reference.receivedPerSecond());
    }

    private PhaseResult fillAndDrain(String name, List<String> queue, long messages) throws Exception {
        LoadStats fillStats = new LoadStats();
        AtomicLong budget = new AtomicLong(messages);
        PhaseResult fill = session.phase("fill-" + name, fillStats, List.of(producers(queue, o.batch(), null, budget, fillStats)),
                0, o.maxSeconds(), () -> fillStats.counts().sent() + fillStats.counts().errors() * o.batch() >= messages);
        phases.add(fill);
        long backlog = session.activeMessages(queue.get(0));
        derived.put(name + ".backlogBeforeDrain", backlog);
        long heap = session.liveHeap();
        if (heap >= 0) {
            derived.put(name + ".liveHeapMiBAfterFill", heap / (1024.0 * 1024));
        }
        LoadStats drainStats = new LoadStats();
        long target = backlog > 0 ? backlog : messages;
        PhaseResult drain = session.phase("drain-" + name, drainStats,
                List.of(consumers(queue, o.consumers(), o.batch(), 1, drainStats)),
                0, o.maxSeconds(), () -> drainStats.counts().received() >= target);
        phases.add(drain);
        heap = session.liveHeap();
        if (heap >= 0) {
            derived.put(name + ".liveHeapMiBAfterDrain", heap / (1024.0 * 1024));
        }
        return drain;
    }

    /**
     * The cycle on one queue, then spread over --queues queues, with the same connections.
     * Each phase starts with {@value #PREFILL_PER_QUEUE} messages in every queue, so that
     * consumers walking the queues round-robin find work instead of waiting on empty queues.
     */
    private void manyQueues() throws Exception {
        List<String> names = new ArrayList<>(o.queues());
        for (int i = 0; i < o.queues(); i++) {
            names.add(o.queueName(i));
        }
        session.setUpQueues(names);
        session.settings().put("queues", o.queues());
        prefill(List.of(names.get(0)));
        PhaseResult one = cyclePhase("one-queue", List.of(names.get(0)));
        prefill(names);
        PhaseResult many = cyclePhase(o.queues() + "-queues", names);
        derived.put("ratioManyToOneQueue", many.receivedPerSecond() / one.receivedPerSecond());
    }

    private void prefill(List<String> queues) throws Exception {
        long messages = (long) PREFILL_PER_QUEUE * queues.size();
        LoadStats stats = new LoadStats();
        AtomicLong budget = new AtomicLong(messages);
        session.phase("prefill", stats, List.of(producers(queues, o.batch(), null, budget, stats)),
                0, o.maxSeconds(), () -> stats.counts().sent() + stats.counts().errors() * o.batch() >= messages);
    }

    /**
     * Park the receivers, measure the server's live heap before and after, then send at
     * --rate and measure how long each message took to reach the receiver it woke.
     */
    private void parked() throws Exception {
        List<String> queue = List.of(o.queueName());
        session.setUpQueues(queue);
        session.settings().put("receivers", o.receivers());
        long before = session.liveHeap();
        LoadStats stats = new LoadStats();
        List<Lane> receivers = new ArrayList<>();
        // As long as the protocol allows (CMQ 30 s, SQS 20 s): a receiver that times out polls again at once.
        int wait = Math.min(30, session.target().maxWaitSeconds());
        try (Connections parked = session.openIdle(consumers(queue, o.receivers(), 1, wait, stats), stats, receivers)) {
            for (Lane receiver : receivers) {
                receiver.start();
            }
            Thread.sleep(PARK_SETTLE_MILLIS);
            long after = session.liveHeap();
            if (before >= 0 && after >= 0) {
                derived.put("liveHeapMiBBefore", before / (1024.0 * 1024));
                derived.put("liveHeapMiBParked", after / (1024.0 * 1024));
                derived.put("extraHeapBytesPerReceiver", (double) (after - before) / o.receivers());
            }
            Pacer pacer = new Pacer(o.rate() > 0 ? o.rate() : 100);
            PhaseResult p = session.phase("wake", stats, List.of(producers(queue, 1, pacer, null, stats)),
                    o.warmup(), o.duration(), () -> false);
            phases.add(p);
            putLatencies("sendToWake", p.endToEnd());
        }
    }

    private void addRawIfAsked() throws Exception {
        if (o.compareRaw()) {
            phases.add(session.rawPhase());
        }
    }

    private void ratioToRaw(PhaseResult p) {
        if (o.compareRaw()) {
            PhaseResult raw = phases.get(0);
            derived.put("ratioToRawRequests", p.requestsPerSecond() / raw.requestsPerSecond());
        }
    }

    private void putLatencies(String name, Histogram h) {
        if (h.getTotalCount() > 0) {
            derived.put(name + "P50Ms", h.getValueAtPercentile(50) / 1000.0);
            derived.put(name + "P99Ms", h.getValueAtPercentile(99) / 1000.0);
            derived.put(name + "P999Ms", h.getValueAtPercentile(99.9) / 1000.0);
        }
    }

    private LaneGroup producers(List<String> queues, int batch, Pacer pacer, AtomicLong budget, LoadStats stats) {
        return new LaneGroup(o.connections(), o.depth(),
                i -> new SendRole(session.target(), queues, i, batch, o.size(), pacer, budget, stats, o.depth()));
    }

    private LaneGroup consumers(List<String> queues, int count, int batch, int waitSeconds, LoadStats stats) {
        int stride = Math.max(1, queues.size() / Math.max(1, count));
        return new LaneGroup(count, 1,
                i -> new ConsumeRole(session.target(), queues, i * stride, batch, waitSeconds, stats));
    }
}
