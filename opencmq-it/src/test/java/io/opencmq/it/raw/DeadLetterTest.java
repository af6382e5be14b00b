package io.opencmq.it.raw;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.it.support.RawCmqClient;
import io.opencmq.it.support.RawQueue;
import io.opencmq.it.support.Reply;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Dead-letter queues set through SetQueueAttributes' deadLetterPolicy: policy 0 moves a message
 * that was received maxReceiveCount times without being deleted; policy 1 (time to live, at
 * least 300 s, too slow to wait for here) is checked for its validation rules. Also
 * ListDeadLetterSourceQueues and UnbindDeadLetterQueue.
 */
class DeadLetterTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();
    static RawCmqClient raw;

    @BeforeAll
    static void openClients() {
        raw = server.get().raw();
    }

    static String policy(String deadLetterQueue, int policy, int maxReceiveCount, int maxTimeToLive) {
        return "{\"deadLetterQueue\":\"" + deadLetterQueue + "\",\"policy\":" + policy
                + ",\"maxReceiveCount\":" + maxReceiveCount + ",\"maxTimeToLive\":" + maxTimeToLive + "}";
    }

    static Reply bind(RawQueue source, String policyJson) {
        return source.setAttributes("deadLetterPolicy", policyJson);
    }

    @Test
    void messageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        RawQueue dlq = RawQueue.create(raw, "dl-target");
        RawQueue source = RawQueue.create(raw, "dl-source", "visibilityTimeout", "1");
        Reply bound = bind(source, policy(dlq.name(), 0, 2, 0));
        assertThat(bound.code()).as("%s", bound).isZero();
        String msgId = source.sendOk("poison pill");

        Reply first = source.receive(0).assertOk();
        assertThat(first.number("dequeueCount")).isEqualTo(1);
        AtomicReference<Reply> second = new AtomicReference<>();
        await("second delivery after the 1 s lock expires").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Reply r = source.receive(0);
                    second.set(r);
                    return r.ok();
                });
        assertThat(second.get().text("msgId")).isEqualTo(msgId);
        assertThat(second.get().number("dequeueCount")).isEqualTo(2);

        AtomicReference<Reply> dead = new AtomicReference<>();
        await("message in the dead-letter queue").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Reply again = source.receive(0);
                    if (again.ok()) {
                        fail("delivered a third time from the source instead of dead-lettered: " + again);
                    }
                    Reply r = dlq.receive(0);
                    dead.set(r);
                    return r.ok();
                });
        assertThat(dead.get().text("msgBody")).isEqualTo("poison pill");
        Reply sourceAttrs = source.attributes();
        assertThat(sourceAttrs.number("activeMsgNum") + sourceAttrs.number("inactiveMsgNum")).isZero();
        assertThat(dlq.delete(dead.get().text("receiptHandle")).code()).isZero();
    }

    @Test
    void deletedInTimeMessagesAreNotDeadLettered() {
        RawQueue dlq = RawQueue.create(raw, "dl-ok-target");
        RawQueue source = RawQueue.create(raw, "dl-ok-source", "visibilityTimeout", "1");
        bind(source, policy(dlq.name(), 0, 1, 0)).assertOk();
        source.sendOk("handled");

        source.delete(source.receive(0).assertOk().text("receiptHandle")).assertOk();

        assertThat(dlq.receive(2).code()).isEqualTo(7000);
    }

    @Test
    void maxReceiveCountPolicyRulesAreEnforced() {
        RawQueue dlq = RawQueue.create(raw, "dl-rules0-target");
        RawQueue source = RawQueue.create(raw, "dl-rules0-source");

        assertThat(bind(source, policy(dlq.name(), 0, 0, 0)).code()).as("maxReceiveCount 0").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 0, 1001, 0)).code()).as("maxReceiveCount 1001").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 2, 5, 0)).code()).as("policy 2").isEqualTo(4000);
        assertThat(bind(source, policy("no-such-dlq", 0, 5, 0)).code()).as("missing target").isEqualTo(4000);
        assertThat(bind(source, policy(source.name(), 0, 5, 0)).code()).as("itself as target").isEqualTo(4000);
        assertThat(bind(source, "{not json").code()).as("malformed JSON").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 0, 1000, 0)).code()).as("maxReceiveCount 1000").isZero();
    }

    @Test
    void timeToLivePolicyRulesAreEnforced() {
        RawQueue dlq = RawQueue.create(raw, "dl-rules1-target");
        RawQueue source = RawQueue.create(raw, "dl-rules1-source", "msgRetentionSeconds", "3600");

        assertThat(bind(source, policy(dlq.name(), 1, 0, 299)).code()).as("maxTimeToLive 299").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 1, 0, 43_201)).code()).as("maxTimeToLive 43201").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 1, 0, 3600)).code()).as("not below msgRetentionSeconds").isEqualTo(4000);
        assertThat(bind(source, policy(dlq.name(), 1, 0, 0)).code()).as("maxTimeToLive missing").isEqualTo(4000);

        Reply ok = bind(source, policy(dlq.name(), 1, 0, 300));
        assertThat(ok.code()).as("%s", ok).isZero();
        JsonNode echoed = ok.required("deadLetterPolicy");
        assertThat(echoed.isTextual()).as("deadLetterPolicy echoed as a JSON string: %s", ok).isTrue();
        assertThat(echoed.asText()).contains(dlq.name()).contains("300");
    }

    @Test
    void deadLetterQueuesDoNotNest() {
        RawQueue a = RawQueue.create(raw, "dl-nest-a");
        RawQueue b = RawQueue.create(raw, "dl-nest-b");
        RawQueue c = RawQueue.create(raw, "dl-nest-c");
        bind(a, policy(b.name(), 0, 5, 0)).assertOk();

        assertThat(bind(b, policy(c.name(), 0, 5, 0)).code()).as("a dead-letter queue gets no policy of its own").isEqualTo(4000);
        assertThat(bind(c, policy(a.name(), 0, 5, 0)).code()).as("a source queue cannot be a dead-letter queue").isEqualTo(4000);
    }

    @Test
    void oneDeadLetterQueueServesAtMostSixSources() {
        RawQueue dlq = RawQueue.create(raw, "dl-six-target");
        for (int i = 0; i < 6; i++) {
            bind(RawQueue.create(raw, "dl-six-source"), policy(dlq.name(), 0, 3, 0)).assertOk();
        }

        Reply seventh = bind(RawQueue.create(raw, "dl-six-source"), policy(dlq.name(), 0, 3, 0));

        assertThat(seventh.code()).isEqualTo(4000);
    }

    @Test
    void sourcesAreListedAndCanBeUnbound() {
        RawQueue dlq = RawQueue.create(raw, "dl-list-target");
        RawQueue s1 = RawQueue.create(raw, "dl-list-alpha");
        RawQueue s2 = RawQueue.create(raw, "dl-list-beta");
        bind(s1, policy(dlq.name(), 0, 3, 0)).assertOk();
        bind(s2, policy(dlq.name(), 1, 0, 600)).assertOk();

        Reply all = raw.call("ListDeadLetterSourceQueues", "deadLetterQueueName", dlq.name());
        Reply searched = raw.call("ListDeadLetterSourceQueues", "deadLetterQueueName", dlq.name(), "searchWord", "alpha");

        assertThat(all.assertOk().number("totalCount")).isEqualTo(2);
        assertThat(all.array("queueList")).extracting(n -> n.get("queueName").asText())
                .containsExactlyInAnyOrder(s1.name(), s2.name());
        assertThat(searched.assertOk().number("totalCount")).isEqualTo(1);
        assertThat(searched.array("queueList")).extracting(n -> n.get("queueName").asText()).containsExactly(s1.name());

        Reply unbound = s1.call("UnbindDeadLetterQueue");

        assertThat(unbound.assertOk().text("queueId")).isNotBlank();
        Reply after = raw.call("ListDeadLetterSourceQueues", "deadLetterQueueName", dlq.name());
        assertThat(after.assertOk().number("totalCount")).isEqualTo(1);
        assertThat(after.array("queueList")).extracting(n -> n.get("queueName").asText()).containsExactly(s2.name());
    }
}
