package io.opencmq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatterTest {

    private static Report sample() {
        Histogram rtt = new Histogram(60_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            rtt.recordValue(i * 10L);
        }
        Histogram none = new Histogram(60_000_000L, 3);
        CpuUsage cpu = new CpuUsage(2_000_000_000L, 400_000_000L, -1, 3_000_000_000L, 2);
        PhaseResult p = new PhaseResult("cmq", 2_000_000_000L, new Counts(1000, 16000, 0, 0, 0, 1), rtt, none, cpu, Map.of(4440, 1L));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("connections", 8);
        return new Report("batch-send", settings, List.of(p), Map.of("ratioToRawRequests", 0.41234));
    }

    @Test
    void theJsonLineIsOneLineWithRatesLatenciesAndUnknownsAsNull() throws Exception {
        String line = ReportFormatter.jsonLine(sample());

        assertThat(line).doesNotContain("\n");
        JsonNode root = new ObjectMapper().readTree(line);
        JsonNode phase = root.path("phases").get(0);
        assertThat(root.path("scenario").asText()).isEqualTo("batch-send");
        assertThat(phase.path("requestsPerSec").asDouble()).isEqualTo(500.0);
        assertThat(phase.path("sentPerSec").asDouble()).isEqualTo(8000.0);
        assertThat(phase.path("roundTripMs").path("p50").asDouble()).isBetween(4.99, 5.01);
        assertThat(phase.path("endToEndMs").isNull()).isTrue();
        assertThat(phase.path("cpu").path("generatorUsPerRequest").asDouble()).isEqualTo(400.0);
        assertThat(phase.path("cpu").path("serverUsPerRequest").isNull()).isTrue();
        assertThat(phase.path("errors").path("4440").asLong()).isEqualTo(1);
        assertThat(root.path("derived").path("ratioToRawRequests").asDouble()).isEqualTo(0.4123);
    }

    @Test
    void theSummaryNamesRatesLatenciesAndWhatIsUnknown() {
        String text = ReportFormatter.summary(sample());

        assertThat(text).contains("== opencmq bench batch-send ==")
                .contains("8,000 msg/s")
                .contains("round trip    p50 5.00")
                .contains("generator 400.0 us, server n/a us")
                .contains("ratioToRawRequests     0.412");
    }
}
