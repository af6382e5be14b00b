package io.opencmq.store;

import io.opencmq.core.spi.Mutation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link CrashTest}: writes 1 KiB messages from several threads, each to
 * its own queue with seqs 0, 1, 2, ..., and prints {@code ack <queue> <seq>} once a write's
 * future has completed. It is meant to be killed; it also stops by itself after a bounded time.
 *
 * <p>Arguments: store directory, fsync policy.
 */
public final class CrashWriter {

    static final int THREADS = 4;
    static final int BODY_BYTES = 1024;
    private static final long MAX_MILLIS = 30_000;
    private static final long MAX_SEQ = 200_000;

    private CrashWriter() {
    }

    static byte[] body(long queue, long seq) {
        byte[] body = new byte[BODY_BYTES];
        Arrays.fill(body, (byte) (queue * 31 + seq));
        return body;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.valueOf(args[1]);
        RocksMessageStore store = RocksMessageStore.open(dir, StoreOptions.defaults().withFsyncPolicy(policy));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
        List<Thread> writers = new ArrayList<>();
        for (long q = 1; q <= THREADS; q++) {
            long queue = q;
            writers.add(Thread.ofPlatform().start(() -> {
                for (long seq = 0; seq < MAX_SEQ && System.nanoTime() < deadline; seq++) {
                    store.write(List.of(new Mutation.PutMessage(queue, seq, seq, seq, body(queue, seq)))).join();
                    System.out.println("ack " + queue + " " + seq);
                }
            }));
        }
        System.out.println("started");
        for (Thread t : writers) {
            t.join();
        }
        store.close();
    }
}
