package io.opencmq.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code opencmq} command line. Each subcommand is its own class ({@link ServeCommand}
 * today); add one by listing it in {@code subcommands}.
 */
@Command(name = "opencmq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted message queue server compatible with the Tencent Cloud CMQ HTTP API.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The configured command line, shared by {@link #main} and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new StartupFailureHandler());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try 'opencmq serve'");
    }
}
