package io.opencmq.protocol.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ClientDisconnectTest {

    @Test
    void hooksRunOnceWhenTheClientGoesAway() {
        ClientDisconnect disconnect = new ClientDisconnect();
        AtomicInteger runs = new AtomicInteger();
        disconnect.onDisconnect(runs::incrementAndGet);
        assertThat(runs).hasValue(0);
        disconnect.disconnected();
        disconnect.disconnected();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aHookAddedAfterTheClientWentAwayRunsAtOnce() {
        ClientDisconnect disconnect = new ClientDisconnect();
        disconnect.disconnected();
        AtomicInteger runs = new AtomicInteger();
        disconnect.onDisconnect(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }

    @Test
    void neverFires() {
        AtomicInteger runs = new AtomicInteger();
        ClientDisconnect.NEVER.onDisconnect(runs::incrementAndGet);
        ClientDisconnect.NEVER.disconnected();
        assertThat(runs).hasValue(0);
    }
}
