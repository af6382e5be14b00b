package io.opencmq.server.http;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the number of open client connections and keeps track of them so that shutdown can
 * close them all. A connection over the cap is refused (closed at once); refusals are logged
 * at most once per second, with a count, so a connection storm cannot flood the log.
 * Thread-safe: connections are admitted on several event loops at once.
 */
final class ConnectionLimit {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup("opencmq-connections", GlobalEventExecutor.INSTANCE);
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts the connection in, or returns false (and counts nothing) if the cap is reached. */
    boolean tryAdmit(Channel channel) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused();
            return false;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        channels.add(channel);
        return true;
    }

    int open() {
        return open.get();
    }

    ChannelGroupFuture closeAll() {
        return channels.close();
    }

    private void refused() {
        long refused = refusedSinceLog.incrementAndGet();
        long last = lastLogNanos.get();
        long now = System.nanoTime();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            log.warn("refused {} connection(s): {} are open, the limit (maxConnections)", refused, max);
        }
    }
}
