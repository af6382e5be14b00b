package io.opencmq.core.engine;

import io.opencmq.core.error.QueueException;
import io.opencmq.core.limits.TopicLimits;
import io.opencmq.core.message.ReceivedMessage;
import io.opencmq.core.spi.PushTransport;
import io.opencmq.core.topic.ContentFormat;
import io.opencmq.core.topic.NotifyStrategy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one HTTP subscription: takes messages from its push queue with a long poll, POSTs
 * each to the endpoint through the {@link PushTransport}, deletes it on a 2xx answer, and on
 * failure moves its lock to the next retry time of the subscription's strategy (or drops it
 * when BACKOFF_RETRY has used its retries). Messages in the push queue are durable, so pending
 * pushes survive a restart; the push queue's retention (one day) ends EXPONENTIAL_DECAY_RETRY.
 *
 * <p>At most {@code pushConcurrencyPerSubscription} pushes are in flight per subscription, and
 * pumps never wait on each other, so a slow endpoint delays only its own subscription.
 * Delivery is at least once: a push whose answer is lost, or a restart during a push, sends
 * the message again.
 *
 * <p>Thread-safety: the counters are guarded by this object; pumping re-enters through the
 * scheduler rather than recursion, whatever thread a completion arrives on.
 */
final class PushPump {
    /** CMQ's TopicOwner is a Tencent app id; opencmq has none and sends 0. */
    private static final int TOPIC_OWNER = 0;
    private static final int LONG_POLL_SECONDS = 20;

    private final Subscription sub;
    private final Broker broker;
    private final PushTransport transport;
    private final TopicLimits limits;
    private int inflight;
    private boolean receiving;
    private boolean stopped;

    PushPump(Subscription sub, Broker broker, PushTransport transport, TopicLimits limits) {
        this.sub = sub;
        this.broker = broker;
        this.transport = transport;
        this.limits = limits;
    }

    void start() {
        pump();
    }

    void stop() {
        synchronized (this) {
            stopped = true;
        }
    }

    private void pumpSoon(long delayMillis) {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        broker.scheduler().schedule(this::pump, delayMillis);
    }

    private void pump() {
        int want;
        synchronized (this) {
            if (stopped || receiving || broker.isClosed()) {
                return;
            }
            want = Math.min(limits.pushConcurrencyPerSubscription() - inflight, broker.limits().maxBatchSize());
            if (want <= 0) {
                return;
            }
            receiving = true;
        }
        try {
            sub.pushQueue.receive(want, LONG_POLL_SECONDS, broker.now()).whenComplete((messages, error) -> {
                synchronized (this) {
                    receiving = false;
                    if (messages != null) {
                        inflight += messages.size();
                    }
                }
                if (error != null || messages.isEmpty()) {
                    pumpSoon(1000);
                    return;
                }
                messages.forEach(this::deliver);
                pumpSoon(0);
            });
        } catch (QueueException e) {
            synchronized (this) {
                receiving = false;
            }
        }
    }

    private void deliver(ReceivedMessage m) {
        PushEnvelope envelope = PushEnvelope.decode(m.body());
        SubscriptionMeta meta = sub.meta;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain");
        headers.put("User-Agent", "Qcloud Notification Service Agent");
        headers.put("x-cmq-request-id", broker.nextPushRequestId());
        headers.put("x-cmq-message-id", envelope.msgId());
        if (!envelope.tags().isEmpty()) {
            headers.put("x-cmq-message-tag", String.join(", ", envelope.tags()));
        }
        byte[] body = meta.format() == ContentFormat.SIMPLIFIED ? envelope.body() : json(sub.topic.meta.name(), meta, envelope);
        transport.push(new PushTransport.PushRequest(URI.create(meta.endpoint()), headers, body))
                .whenComplete((result, error) -> {
                    try {
                        settle(m, meta, result, error);
                    } finally {
                        synchronized (this) {
                            inflight--;
                        }
                        pumpSoon(0);
                    }
                });
    }

    private void settle(ReceivedMessage m, SubscriptionMeta meta, PushTransport.PushResult result, Throwable error) {
        if (error == null && result.delivered()) {
            sub.delivered.incrementAndGet();
            sub.pushQueue.delete(m.receiptHandle(), broker.now());
            return;
        }
        String why = error != null ? error.toString()
                : result.status() > 0 ? "HTTP " + result.status() : result.error();
        sub.recordFailure(why, broker.now());
        try {
            if (meta.strategy() == NotifyStrategy.BACKOFF_RETRY && m.dequeueCount() > limits.backoffRetries()) {
                sub.pushQueue.delete(m.receiptHandle(), broker.now());
                return;
            }
            sub.pushQueue.changeVisibility(m.receiptHandle(), retryDelaySeconds(meta.strategy(), m.dequeueCount()),
                    broker.now());
        } catch (QueueException e) {
            // The lock expired meanwhile (or the subscription is gone): the message comes back
            // by itself, or not at all.
        }
    }

    private int retryDelaySeconds(NotifyStrategy strategy, int attempts) {
        if (strategy == NotifyStrategy.BACKOFF_RETRY) {
            return ThreadLocalRandom.current().nextInt(limits.backoffMinSeconds(), limits.backoffMaxSeconds() + 1);
        }
        int exponent = Math.min(attempts - 1, 20);
        return (int) Math.min(1L << exponent, broker.limits().maxVisibilityTimeout());
    }

    private static byte[] json(String topicName, SubscriptionMeta meta, PushEnvelope e) {
        StringBuilder b = new StringBuilder(e.body().length + 160);
        b.append("{\"TopicOwner\":").append(TOPIC_OWNER);
        b.append(",\"topicName\":");
        quote(b, topicName);
        b.append(",\"subscriptionName\":");
        quote(b, meta.name());
        b.append(",\"msgId\":");
        quote(b, e.msgId());
        b.append(",\"msgBody\":");
        quote(b, new String(e.body(), StandardCharsets.UTF_8));
        b.append(",\"publishTime\":").append(e.publishTimeMillis() / 1000);
        if (!e.tags().isEmpty()) {
            b.append(",\"msgTag\":[");
            List<String> tags = e.tags();
            for (int i = 0; i < tags.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                quote(b, tags.get(i));
            }
            b.append(']');
        }
        b.append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
