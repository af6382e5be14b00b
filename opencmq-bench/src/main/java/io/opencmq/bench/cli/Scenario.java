package io.opencmq.bench.cli;

/** The load scenarios of {@code opencmq bench}, one subcommand each. */
public enum Scenario {
    SEND("send", "SendMessage, one message per request, as fast as the connections allow."),
    BATCH_SEND("batch-send", "BatchSendMessage with --batch (16) messages per request."),
    CYCLE("cycle", "Producers (BatchSendMessage) and consumers (long-poll BatchReceiveMessage + BatchDeleteMessage) on one queue; --rate limits the producers."),
    LATENCY("latency", "End-to-end latency (send start to receipt) at a fixed --rate (1,000 msgs/s), with long-polling consumers."),
    DRAIN("drain", "Fill a queue with --messages, then drain it; compared with draining --reference-messages."),
    QUEUES("queues", "The cycle spread over --queues (10,000) queues, compared with the same cycle on one queue."),
    PARKED("parked", "--receivers parked long polls: extra server heap, and how fast a send wakes one."),
    RAW("raw", "SendMessage-shaped requests against the minimal Netty HTTP server: the raw HTTP limit.");

    private final String command;
    private final String description;

    Scenario(String command, String description) {
        this.command = command;
        this.description = description;
    }

    public String command() {
        return command;
    }

    public String description() {
        return description;
    }
}
