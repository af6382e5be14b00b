package io.opencmq.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code opencmq bench} run found: what was run ({@code settings}), the measured
 * phases, and figures derived across phases (ratio to the raw HTTP rate, drain ratio, heap).
 * Map values are numbers, strings or booleans.
 */
public record Report(String scenario, Map<String, Object> settings, List<PhaseResult> phases, Map<String, Object> derived) {
}
