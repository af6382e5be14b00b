package io.opencmq.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code opencmq bench jmh [JMH options]}: runs the micro-benchmarks in {@code io.opencmq.bench.jmh}
 * with JMH's own command line (e.g. {@code -f 1 -wi 3 -i 5 SendBenchmark}; {@code -h} lists options).
 */
@Command(name = "jmh", description = "Run the JMH micro-benchmarks (arguments are passed to JMH; try -h or -l).")
public final class JmhCommand implements Callable<Integer> {
    /** Everything after "jmh", options included, goes to JMH unchanged. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        return 0;
    }
}
