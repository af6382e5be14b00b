package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.FifoPolicy;
import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.action.SqsContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FIFO queue attributes and queue names, as CreateQueue, SetQueueAttributes and GetQueueAttributes see them. */
class FifoQueueAttributesTest {

    private static final SqsContext CONTEXT = new SqsContext("http://h", "000000000000", "eu-west-1", null);

    private static QueueConfig config(FifoPolicy fifo, Map<String, String> properties) {
        return new QueueConfig(100_000_000L, 0, 30, 65_536, 345_600, 0, null, 0, properties, fifo);
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (SqsException e) {
            return e.error().code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void createOfAFifoQueueCarriesItsPolicyAndProperties() {
        var changes = QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "TRUE",
                "DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId", "VisibilityTimeout", "0"), null);
        assertThat(changes.settings().fifo()).isEqualTo(new FifoPolicy(true));
        assertThat(changes.settings().visibilityTimeout()).isZero();
        assertThat(changes.settings().properties()).containsEntry("sqs.ContentBasedDeduplication", "true")
                .containsEntry("sqs.FifoThroughputLimit", "perMessageGroupId");

        assertThat(QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true"), null).settings().fifo()).isEqualTo(FifoPolicy.PER_QUEUE);
        assertThat(QueueAttributeCodec.toChanges(Map.of("FifoQueue", "false"), null).settings().fifo()).isNull();
        assertThat(QueueAttributeCodec.toChanges(Map.of(), null).settings().fifo()).isNull();
    }

    @Test
    void fifoAttributesAreRefusedAsSqsRefusesThem() {
        // Unknown on a standard queue, at create and later.
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("ContentBasedDeduplication", "true"), null)))
                .isEqualTo("InvalidAttributeName");
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("DeduplicationScope", "queue"), config(null, Map.of()))))
                .isEqualTo("InvalidAttributeName");
        // The kind is fixed at create.
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true"), config(FifoPolicy.PER_QUEUE, Map.of()))))
                .isEqualTo("InvalidAttributeName");
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("FifoQueue", "yes"), null))).isEqualTo("InvalidAttributeValue");
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true", "DeduplicationScope", "group"), null)))
                .isEqualTo("InvalidAttributeValue");
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true", "FifoThroughputLimit", "perGroup"), null)))
                .isEqualTo("InvalidAttributeValue");
        // perMessageGroupId needs DeduplicationScope messageGroup.
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("FifoQueue", "true", "FifoThroughputLimit", "perMessageGroupId"), null)))
                .isEqualTo("InvalidAttributeValue");
    }

    @Test
    void setChecksTheCombinationInEffectAfterTheChange() {
        QueueConfig highThroughput = config(new FifoPolicy(true), Map.of("sqs.FifoThroughputLimit", "perMessageGroupId"));
        assertThat(code(() -> QueueAttributeCodec.toChanges(Map.of("DeduplicationScope", "queue"), highThroughput)))
                .isEqualTo("InvalidAttributeValue");
        var both = QueueAttributeCodec.toChanges(Map.of("DeduplicationScope", "queue", "FifoThroughputLimit", "perQueue"), highThroughput);
        assertThat(both.settings().fifo()).isEqualTo(FifoPolicy.PER_QUEUE);
        assertThat(both.changesSettings()).isTrue();
        // A change that leaves the scope alone does not touch the policy.
        var contentOnly = QueueAttributeCodec.toChanges(Map.of("ContentBasedDeduplication", "false"), highThroughput);
        assertThat(contentOnly.settings().fifo()).isNull();
        assertThat(contentOnly.settings().properties()).containsEntry("sqs.ContentBasedDeduplication", "false");
    }

    @Test
    void fifoAttributesAreReportedForFifoQueuesOnly() {
        QueueAttributes fifo = attributes("jobs.fifo", config(new FifoPolicy(true), Map.of("sqs.ContentBasedDeduplication", "true")));
        assertThat(QueueAttributeCodec.read(fifo, List.of("All"), CONTEXT)).containsEntry("FifoQueue", "true")
                .containsEntry("ContentBasedDeduplication", "true").containsEntry("DeduplicationScope", "messageGroup")
                .containsEntry("FifoThroughputLimit", "perQueue").containsEntry("VisibilityTimeout", "30");
        assertThat(QueueAttributeCodec.read(fifo, List.of("DeduplicationScope"), CONTEXT)).containsOnlyKeys("DeduplicationScope");

        QueueAttributes standard = attributes("jobs", config(null, Map.of()));
        assertThat(QueueAttributeCodec.read(standard, List.of("All"), CONTEXT))
                .doesNotContainKeys("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");
        assertThat(QueueAttributeCodec.read(standard, List.of("FifoQueue", "ContentBasedDeduplication"), CONTEXT)).isEmpty();
    }

    @Test
    void createIsIdempotentOnlyForTheSameKindAndFifoValues() {
        QueueAttributes fifo = attributes("jobs.fifo", config(FifoPolicy.PER_QUEUE, Map.of()));
        assertThat(QueueAttributeCodec.matches(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "false",
                "FifoThroughputLimit", "perQueue"), fifo, CONTEXT)).isTrue();
        assertThat(QueueAttributeCodec.matches(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"), fifo, CONTEXT)).isFalse();
        assertThat(QueueAttributeCodec.matches(Map.of("FifoQueue", "true", "DeduplicationScope", "messageGroup"), fifo, CONTEXT)).isFalse();
        assertThat(QueueAttributeCodec.matches(Map.of("FifoQueue", "true"), attributes("jobs", config(null, Map.of())), CONTEXT)).isFalse();
        assertThat(QueueAttributeCodec.matches(Map.of(), attributes("jobs", config(null, Map.of())), CONTEXT)).isTrue();
    }

    @Test
    void queueNamesFollowSqsWithFifoSuffixAndReservedPrefix() {
        QueueNames.check("1orders", false);
        QueueNames.check("a".repeat(80), false);
        QueueNames.check("_x-y_", false);
        QueueNames.check("a".repeat(75) + ".fifo", true);
        QueueNames.check("q.fifo", true);
        assertThatThrownBy(() -> QueueNames.check("q.fifo", false)).hasMessageContaining("FifoQueue=true");
        assertThatThrownBy(() -> QueueNames.check("q", true)).hasMessageContaining("must end with .fifo");
        assertThatThrownBy(() -> QueueNames.check(".fifo", true)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> QueueNames.check("a".repeat(76) + ".fifo", true)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> QueueNames.check("a".repeat(81), false)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> QueueNames.check("a.b", false)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> QueueNames.check("__push-1", false)).hasMessageContaining("reserved");
    }

    private static QueueAttributes attributes(String name, QueueConfig config) {
        return new QueueAttributes(new QueueRef("q1", name), config, 1_000L, 2_000L, 0, 0, 0, 0, 0);
    }
}
