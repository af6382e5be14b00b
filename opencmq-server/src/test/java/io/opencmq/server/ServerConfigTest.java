package io.opencmq.server;

import io.opencmq.core.limits.QueueLimits;
import io.opencmq.store.FsyncPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    private final Path dir = Path.of("data");

    @Test
    void defaultsAreSafeForAFreshInstall() {
        ServerConfig c = ServerConfig.defaults(dir);

        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8731);
        assertThat(c.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(c.credentials()).isNull();
        assertThat(c.maxRequestBytes()).isEqualTo(1024 * 1024 + 64 * 1024);
        assertThat(c.idleTimeoutSeconds()).as("longer than the longest long poll")
                .isGreaterThan(QueueLimits.DEFAULT.maxPollingWaitSeconds() + 10);
        assertThat(c.limits()).isEqualTo(QueueLimits.DEFAULT);
        assertThat(c.pushTimeoutMillis()).as("CMQ's push timeout").isEqualTo(15_000);
    }

    @Test
    void withersChangeOneFieldOnly() {
        ServerConfig base = ServerConfig.defaults(dir);

        ServerConfig changed = base.withPort(0).withMaxConnections(5).withPushTimeoutMillis(800);

        assertThat(changed.port()).isZero();
        assertThat(changed.maxConnections()).isEqualTo(5);
        assertThat(changed.pushTimeoutMillis()).isEqualTo(800);
        assertThat(changed.withPort(base.port()).withMaxConnections(base.maxConnections())
                .withPushTimeoutMillis(base.pushTimeoutMillis())).isEqualTo(base);
    }

    @Test
    void nonsenseIsRefused() {
        ServerConfig c = ServerConfig.defaults(dir);

        assertThatThrownBy(() -> c.withPort(70_000)).hasMessageContaining("port");
        assertThatThrownBy(() -> c.withMaxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> c.withFsyncIntervalMillis(0)).hasMessageContaining("fsyncIntervalMillis");
        assertThatThrownBy(() -> c.withPushTimeoutMillis(0)).hasMessageContaining("pushTimeoutMillis");
        assertThatThrownBy(() -> c.withPushTimeoutMillis(25_001)).as("twice it stays well inside the engine's 60 s push lock")
                .hasMessageContaining("pushTimeoutMillis");
    }
}
