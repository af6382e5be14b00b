package io.opencmq.bench;

import io.opencmq.bench.cli.JmhCommand;
import io.opencmq.bench.cli.Scenario;
import io.opencmq.bench.cli.ScenarioCommand;
import io.opencmq.bench.raw.RawServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code opencmq bench}: the load generator shipped with the server, plus the raw HTTP
 * yardstick server and the JMH micro-benchmarks. Each load scenario is a subcommand
 * ({@code opencmq bench send}, {@code ... cycle}, ...); all share one set of options.
 */
@Command(name = "opencmq bench", mixinStandardHelpOptions = true,
        description = {"Load generator and benchmarks for opencmq.",
                "Runs against a server at http://127.0.0.1:8731 unless told otherwise; see docs/performance.md."})
public final class BenchMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
        for (Scenario s : Scenario.values()) {
            CommandLine sub = new CommandLine(new ScenarioCommand(s)).setCaseInsensitiveEnumValuesAllowed(true);
            sub.getCommandSpec().usageMessage().description(s.description());
            cl.addSubcommand(s.command(), sub);
        }
        cl.addSubcommand("raw-server", new RawServerCommand());
        cl.addSubcommand("jmh", new JmhCommand());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing scenario; try 'opencmq bench send --help'");
    }
}
