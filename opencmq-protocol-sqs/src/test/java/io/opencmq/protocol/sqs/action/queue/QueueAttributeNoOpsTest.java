package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.core.queue.QueueAttributes;
import io.opencmq.core.queue.QueueConfig;
import io.opencmq.core.queue.QueueRef;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.action.SqsContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SqsManagedSseEnabled, Policy and KmsMasterKeyId: the values that ask for nothing opencmq lacks are no-ops. */
class QueueAttributeNoOpsTest {

    private static final SqsContext CONTEXT = new SqsContext("http://h", "000000000000", "eu-west-1", null);
    private static final QueueConfig STANDARD = new QueueConfig(100_000_000L, 0, 30, 65_536, 345_600, 0, null);

    private static String refusal(Map<String, String> attributes, QueueConfig current) {
        try {
            QueueAttributeCodec.toChanges(attributes, current);
        } catch (SqsException e) {
            return e.error().code() + ": " + e.error().message();
        }
        return "accepted";
    }

    @Test
    void sqsManagedSseEnabledIsTrueOrFalseAndTrueIsUnsupported() {
        for (QueueConfig current : new QueueConfig[] {null, STANDARD}) {
            assertThat(refusal(Map.of("SqsManagedSseEnabled", "false"), current)).isEqualTo("accepted");
            assertThat(refusal(Map.of("SqsManagedSseEnabled", "FALSE"), current)).isEqualTo("accepted");
            assertThat(refusal(Map.of("SqsManagedSseEnabled", "true"), current)).startsWith("UnsupportedOperation: ");
            for (String bad : new String[] {"yes", "", "1", "falsey"}) {
                assertThat(refusal(Map.of("SqsManagedSseEnabled", bad), current)).as(bad)
                        .isEqualTo("InvalidAttributeValue: Invalid value for the parameter SqsManagedSseEnabled. Reason: must be true or false.");
            }
        }
    }

    @Test
    void anEmptyPolicyOrKmsKeyIsANoOpAndAnyOtherValueIsUnsupported() {
        for (QueueConfig current : new QueueConfig[] {null, STANDARD}) {
            var changes = QueueAttributeCodec.toChanges(Map.of("Policy", "", "KmsMasterKeyId", ""), current);
            assertThat(changes.changesSettings()).isFalse();
            assertThat(changes.clearRedrivePolicy()).isFalse();
            assertThat(refusal(Map.of("Policy", "{}"), current)).startsWith("UnsupportedOperation: Queue attribute Policy is not supported yet");
            assertThat(refusal(Map.of("KmsMasterKeyId", "alias/aws/sqs"), current))
                    .startsWith("UnsupportedOperation: Queue attribute KmsMasterKeyId is not supported yet");
        }
        // Unchanged: the reuse period still needs KMS.
        assertThat(refusal(Map.of("KmsDataKeyReusePeriodSeconds", "300"), null)).startsWith("UnsupportedOperation: ");
    }

    @Test
    void createQueueIdempotenceTreatsEmptyPolicyAndKmsKeyAsAbsent() {
        QueueAttributes existing = new QueueAttributes(new QueueRef("q1", "jobs"), STANDARD, 1_000L, 2_000L, 0, 0, 0, 0, 0);
        assertThat(QueueAttributeCodec.matches(Map.of("Policy", "", "KmsMasterKeyId", ""), existing, CONTEXT)).isTrue();
        assertThat(QueueAttributeCodec.matches(Map.of("Policy", "", "VisibilityTimeout", "30"), existing, CONTEXT)).isTrue();
        assertThat(QueueAttributeCodec.matches(Map.of("KmsMasterKeyId", "", "VisibilityTimeout", "31"), existing, CONTEXT)).isFalse();
    }
}
