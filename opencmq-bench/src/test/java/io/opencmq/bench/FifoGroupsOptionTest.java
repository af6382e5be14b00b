package io.opencmq.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** --fifo-groups is checked before anything connects. */
class FifoGroupsOptionTest {

    @Test
    void needsTheSqsProtocol() {
        StringWriter err = new StringWriter();
        int code = run(err, "send", "--fifo-groups", "4", "--endpoint", "127.0.0.1:1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--fifo-groups needs --protocol sqs");
    }

    @Test
    void needsAtLeastOneGroup() {
        StringWriter err = new StringWriter();
        int code = run(err, "cycle", "--protocol", "sqs", "--fifo-groups", "0", "--endpoint", "127.0.0.1:1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--fifo-groups must be at least 1");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = BenchMain.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
