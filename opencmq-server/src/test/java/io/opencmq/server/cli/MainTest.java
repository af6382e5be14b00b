package io.opencmq.server.cli;

import io.opencmq.server.ServerConfig;
import io.opencmq.store.FsyncPolicy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static ServerConfig parseServe(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return serve.config();
    }

    @Test
    void serveHelpListsTheOptions() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--port", "--bind", "--data-dir", "--fsync", "--fsync-interval-ms",
                "--push-timeout-ms");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("opencmq serve");
    }

    @Test
    void unknownFsyncPolicyIsAUsageError() {
        assertThat(run("serve", "--fsync", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("--fsync");
    }

    @Test
    void serveDefaultsMatchTheDocumentation() {
        ServerConfig config = parseServe();

        assertThat(config).isEqualTo(ServerConfig.defaults(Path.of("data")));
    }

    @Test
    void serveOptionsReachTheConfig() {
        ServerConfig config = parseServe("--port", "9000", "--bind", "0.0.0.0", "--data-dir", "/var/lib/opencmq",
                "--fsync", "interval", "--fsync-interval-ms", "250", "--push-timeout-ms", "2500",
                "--max-connections", "20000", "--max-parked-receives", "50000");

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/opencmq"));
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(config.fsyncIntervalMillis()).isEqualTo(250);
        assertThat(config.pushTimeoutMillis()).isEqualTo(2500);
        assertThat(config.maxConnections()).isEqualTo(20_000);
        assertThat(config.maxParkedReceives()).isEqualTo(50_000);
    }
}
