package io.opencmq.it.raw;

import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ClearQueue empties a queue of every message — ready, locked and delayed — and keeps the queue. */
class ClearQueueTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    @Test
    void clearRemovesReadyLockedAndDelayedMessages() {
        RawQueue queue = RawQueue.create(raw, "clear-all", "visibilityTimeout", "600");
        queue.batchSend(List.of("r1", "r2", "r3", "locked")).assertOk();
        queue.send("delayed", 600).assertOk();
        String lockedHandle = queue.receive(0).assertOk().text("receiptHandle");
        Reply before = queue.attributes();
        assertThat(before.number("activeMsgNum")).isEqualTo(3);
        assertThat(before.number("inactiveMsgNum")).isEqualTo(1);
        assertThat(before.number("delayMsgNum")).isEqualTo(1);

        queue.call("ClearQueue").assertOk();

        Reply after = queue.attributes();
        assertThat(after.number("activeMsgNum")).isZero();
        assertThat(after.number("inactiveMsgNum")).isZero();
        assertThat(after.number("delayMsgNum")).isZero();
        assertThat(queue.receive(0).code()).isEqualTo(7000);
        assertThat(queue.delete(lockedHandle).code()).as("the lock went with the message").isEqualTo(4430);
    }

    @Test
    void clearedQueueKeepsItsSettingsAndAcceptsNewMessages() {
        RawQueue queue = RawQueue.create(raw, "clear-keep", "visibilityTimeout", "77", "maxMsgSize", "2048");
        queue.sendOk("old");

        queue.call("ClearQueue").assertOk();
        queue.sendOk("new");

        Reply attrs = queue.attributes();
        assertThat(attrs.number("visibilityTimeout")).isEqualTo(77);
        assertThat(attrs.number("maxMsgSize")).isEqualTo(2048);
        assertThat(queue.receive(0).assertOk().text("msgBody")).isEqualTo("new");
    }

    @Test
    void clearingAnUnknownQueueIs4440() {
        assertThat(raw.call("ClearQueue", "queueName", "never-created-queue").code()).isEqualTo(4440);
    }
}
