package io.opencmq.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link Report} into the two outputs of a run: a summary for people and one line of
 * JSON for scripts (the last line the bench prints). Latencies are printed in milliseconds,
 * rates per second, CPU per request in microseconds. Numbers that are unknown are null in the
 * JSON and "n/a" in the summary.
 */
public final class ReportFormatter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFormatter() {
    }

    public static String summary(Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append("== opencmq bench ").append(report.scenario()).append(" ==\n");
        report.settings().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %s%n", k, v)));
        for (PhaseResult p : report.phases()) {
            sb.append(String.format(Locale.ROOT, "-- %s: %.1f s measured%n", p.name(), p.seconds()));
            sb.append(String.format(Locale.ROOT, "  requests      %,12.0f /s  (%,d)%n", p.requestsPerSecond(), p.counts().requests()));
            if (p.counts().sent() > 0) {
                sb.append(String.format(Locale.ROOT, "  sent          %,12.0f msg/s  (%,d)%n", p.sentPerSecond(), p.counts().sent()));
            }
            if (p.counts().received() > 0 || p.counts().emptyReceives() > 0) {
                sb.append(String.format(Locale.ROOT, "  received      %,12.0f msg/s  (%,d; %,d empty receives)%n",
                        p.receivedPerSecond(), p.counts().received(), p.counts().emptyReceives()));
            }
            sb.append("  round trip    ").append(latencyLine(p.roundTrip())).append('\n');
            if (p.endToEnd().getTotalCount() > 0) {
                sb.append("  send->receive ").append(latencyLine(p.endToEnd())).append('\n');
            }
            sb.append(String.format(Locale.ROOT, "  cpu/request   generator %s us, server %s us%n",
                    number(p.generatorMicrosPerRequest(), 1), number(p.serverMicrosPerRequest(), 1)));
            sb.append(String.format(Locale.ROOT, "  cores busy    generator %s, server %s, other processes %s (of %d)%n",
                    number(p.cpu().generatorCores(), 2), number(p.cpu().serverCores(), 2),
                    number(p.cpu().otherCores(), 2), p.cpu().machineCores()));
            if (!p.errors().isEmpty()) {
                sb.append("  errors        ").append(p.errors()).append('\n');
            }
        }
        if (!report.derived().isEmpty()) {
            sb.append("-- derived\n");
            report.derived().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %s%n", k,
                    v instanceof Double d ? number(d, 3) : v)));
        }
        return sb.toString();
    }

    /** The machine-readable result: one line of JSON. */
    public static String jsonLine(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", report.scenario());
        root.put("settings", report.settings());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : report.phases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("seconds", round(p.seconds(), 3));
            m.put("requests", p.counts().requests());
            m.put("requestsPerSec", round(p.requestsPerSecond(), 1));
            m.put("sentPerSec", round(p.sentPerSecond(), 1));
            m.put("receivedPerSec", round(p.receivedPerSecond(), 1));
            m.put("emptyReceives", p.counts().emptyReceives());
            m.put("roundTripMs", latencies(p.roundTrip()));
            m.put("endToEndMs", p.endToEnd().getTotalCount() > 0 ? latencies(p.endToEnd()) : null);
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("generatorUsPerRequest", round(p.generatorMicrosPerRequest(), 2));
            cpu.put("serverUsPerRequest", round(p.serverMicrosPerRequest(), 2));
            cpu.put("generatorCores", round(p.cpu().generatorCores(), 3));
            cpu.put("serverCores", round(p.cpu().serverCores(), 3));
            cpu.put("otherCores", round(p.cpu().otherCores(), 3));
            cpu.put("machineCores", p.cpu().machineCores());
            m.put("cpu", cpu);
            Map<String, Long> errors = new LinkedHashMap<>();
            p.errors().forEach((k, v) -> errors.put(Integer.toString(k), v));
            m.put("errors", errors);
            phases.add(m);
        }
        root.put("phases", phases);
        Map<String, Object> derived = new LinkedHashMap<>();
        report.derived().forEach((k, v) -> derived.put(k, v instanceof Double d ? round(d, 4) : v));
        root.put("derived", derived);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "p50 1.23 p99 4.56 p99.9 7.89 max 12.3 ms" from a histogram in microseconds. */
    public static String latencyLine(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "p50 %s  p99 %s  p99.9 %s  max %s ms",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static Map<String, Object> latencies(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("p50", round(h.getValueAtPercentile(50) / 1000.0, 3));
        m.put("p90", round(h.getValueAtPercentile(90) / 1000.0, 3));
        m.put("p99", round(h.getValueAtPercentile(99) / 1000.0, 3));
        m.put("p999", round(h.getValueAtPercentile(99.9) / 1000.0, 3));
        m.put("max", round(h.getMaxValue() / 1000.0, 3));
        m.put("count", h.getTotalCount());
        return m;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.1f", micros / 1000.0);
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static Double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
