package io.opencmq.server.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Turns an exception out of a command into a short message and exit code 1. Problems an
 * operator can fix (port in use, unreadable data dir, half-set credentials) get one line;
 * anything else also gets its stack trace, because then it is a bug worth reporting.
 */
final class StartupFailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("opencmq: " + (ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage()));
        if (!(ex instanceof IOException || ex instanceof IllegalStateException || ex instanceof IllegalArgumentException)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
