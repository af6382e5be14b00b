package io.opencmq.bench.scenario;

import io.opencmq.bench.cmq.CmqSigner;

import java.nio.file.Path;

/**
 * A bench run's settings, resolved (scenario defaults applied) by the command line.
 *
 * @param protocol the wire protocol of the load ("cmq" or "sqs"; queues are set up through CMQ either way)
 * @param connections producer connections
 * @param consumers consumer connections
 * @param depth requests in flight per producer connection
 * @param batch messages per send/receive/delete request (latency: per receive only)
 * @param rate producer messages/s, 0 = unlimited
 * @param queuePrefix the queue name, or the prefix of many
 * @param purge empty the bench queues first
 * @param fifoGroups 0 for standard queues; else the queues are FIFO queues ({@code .fifo} names, SQS only)
 *                   and every message sent carries one of this many message groups
 */
public record BenchOptions(String scenario, String protocol, String endpoint, boolean embedded, String embeddedFsync,
                           boolean compareRaw, String rawEndpoint,
                           String secretId, String secretKey, Path dataDir, CmqSigner.SignatureMethod signatureMethod,
                           int connections, int consumers, int depth, int ioThreads,
                           double duration, double warmup, int size, int batch, double rate,
                           String queuePrefix, int queues, int waitSeconds,
                           long messages, long referenceMessages, int receivers, double maxSeconds, boolean purge,
                           int fifoGroups) {
    /** SQS's rule: a FIFO queue's name ends in ".fifo", and only a FIFO queue's may. */
    public static final String FIFO_SUFFIX = ".fifo";

    public boolean fifo() {
        return fifoGroups > 0;
    }

    /** The one queue of a single-queue scenario. */
    public String queueName() {
        return fifo() ? queuePrefix + FIFO_SUFFIX : queuePrefix;
    }

    /** Queue {@code i} of the many of 'queues'. */
    public String queueName(int i) {
        String name = queuePrefix + "-" + i;
        return fifo() ? name + FIFO_SUFFIX : name;
    }
}
