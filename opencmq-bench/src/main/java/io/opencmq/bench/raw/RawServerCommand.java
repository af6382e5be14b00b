package io.opencmq.bench.raw;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code opencmq bench raw-server}: runs the {@link RawHttpServer} until the process is stopped. */
@Command(name = "raw-server", mixinStandardHelpOptions = true,
        description = "Run the minimal Netty HTTP server that bench runs compare against (until stopped).")
public final class RawServerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port = 8732;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        RawHttpServer server = RawHttpServer.start(bind, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println(RawServerProcess.READY + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
