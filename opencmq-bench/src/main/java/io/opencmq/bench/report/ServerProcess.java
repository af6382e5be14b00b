package io.opencmq.bench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Finds the process listening on a local TCP port, so the bench can read the server's CPU
 * time without being told its pid: the socket's inode from {@code /proc/net/tcp[6]}, then the
 * process holding a descriptor to it under {@code /proc/<pid>/fd}. Works for processes of the
 * same user (or any, as root); returns empty elsewhere.
 */
public final class ServerProcess {
    private static final String LISTEN = "0A";

    private ServerProcess() {
    }

    public static OptionalLong listeningOn(int port) {
        String inode = listeningInode(port);
        if (inode == null) {
            return OptionalLong.empty();
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (target.equals(readLink(fd))) {
                            return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or it just exited
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String listeningInode(int port) {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(":" + hexPort) && LISTEN.equals(f[3])) {
                        return f[9];
                    }
                }
            } catch (IOException e) {
                // no such table on this system
            }
        }
        return null;
    }
}
