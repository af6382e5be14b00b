package io.opencmq.server.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * Turns an exception out of a command into a short message and exit code 1. Problems an
 * operator can fix (port in use, unreadable data dir, half-set credentials) get one line;
 * anything else also gets its stack trace, because then it is a bug worth reporting.
 */
final class StartupFailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception thrown, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Exception ex = thrown instanceof UncheckedIOException unchecked ? unchecked.getCause() : thrown;
        PrintWriter err = commandLine.getErr();
        err.println("opencmq: " + describe(ex));
        if (!(ex instanceof IOException || ex instanceof IllegalStateException || ex instanceof IllegalArgumentException)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** File-system exceptions carry just a path as their message; their type says what went wrong. */
    private static String describe(Exception ex) {
        if (ex.getMessage() == null) {
            return ex.getClass().getName();
        }
        if (ex instanceof FileSystemException) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        return ex.getMessage();
    }
}
