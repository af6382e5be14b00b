package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.message.OutgoingMessage;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.request.SqsParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FIFO rules of a send: group and deduplication ids, content-based deduplication, delays, sequence numbers. */
class FifoMessagesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TargetQueue FIFO = new TargetQueue(65_536, true, false);
    private static final TargetQueue FIFO_CONTENT = new TargetQueue(65_536, true, true);
    private static final TargetQueue STANDARD = new TargetQueue(65_536, false, false);
    /** SHA-256 of "hello". */
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private static MessageToSend parse(String json) throws Exception {
        return MessageToSend.parse(new SqsParams((ObjectNode) MAPPER.readTree(json)));
    }

    private static String code(MessageToSend m, TargetQueue q) {
        try {
            m.check(q);
        } catch (SqsException e) {
            return e.error().code() + ": " + e.error().message();
        }
        return "accepted";
    }

    @Test
    void groupAndDeduplicationIdsAreOneTo128LettersDigitsAndPunctuation() throws Exception {
        String punctuation = "!\\\"#$%&'()*+,-./:;<=>?@[\\\\]^_`{|}~";
        MessageToSend m = parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"" + punctuation + "\",\"MessageDeduplicationId\":\""
                + "d".repeat(128) + "\"}");
        assertThat(m.groupId()).isEqualTo("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        assertThat(m.dedupId()).hasSize(128);

        for (String bad : new String[] {"", "a b", "é", "d".repeat(129)}) {
            assertThatThrownBy(() -> parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"" + bad + "\"}"))
                    .isInstanceOf(SqsException.class).hasMessageContaining("MessageGroupId can only include");
            assertThatThrownBy(() -> parse("{\"MessageBody\":\"b\",\"MessageDeduplicationId\":\"" + bad + "\"}"))
                    .isInstanceOf(SqsException.class).hasMessageContaining("MessageDeduplicationId can only include");
        }
    }

    @Test
    void fifoSendsNeedAGroupAndADeduplicationIdOrContentBasedDeduplication() throws Exception {
        assertThat(code(parse("{\"MessageBody\":\"b\",\"MessageDeduplicationId\":\"d\"}"), FIFO))
                .isEqualTo("MissingParameter: The request must contain the parameter MessageGroupId.");
        assertThat(code(parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"g\"}"), FIFO))
                .startsWith("InvalidParameterValue: The queue should either have ContentBasedDeduplication enabled");
        assertThat(code(parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"g\"}"), FIFO_CONTENT)).isEqualTo("accepted");
        assertThat(code(parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"g\",\"MessageDeduplicationId\":\"d\"}"), FIFO))
                .isEqualTo("accepted");
    }

    @Test
    void contentBasedDeduplicationHashesTheBodyUnlessAnIdIsGiven() throws Exception {
        OutgoingMessage hashed = parse("{\"MessageBody\":\"hello\",\"MessageGroupId\":\"g\"}").toOutgoing(FIFO_CONTENT);
        assertThat(hashed.dedupId()).isEqualTo(HELLO_SHA256);
        assertThat(hashed.groupId()).isEqualTo("g");
        OutgoingMessage explicit = parse("{\"MessageBody\":\"hello\",\"MessageGroupId\":\"g\",\"MessageDeduplicationId\":\"mine\"}")
                .toOutgoing(FIFO_CONTENT);
        assertThat(explicit.dedupId()).isEqualTo("mine");
    }

    @Test
    void fifoQueuesTakeNoDelayOfTheMessage() throws Exception {
        MessageToSend delayed = parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"g\",\"MessageDeduplicationId\":\"d\",\"DelaySeconds\":5}");
        assertThat(code(delayed, FIFO)).isEqualTo("InvalidParameterValue: Value 5 for parameter DelaySeconds is invalid. "
                + "Reason: The request includes a parameter that is not valid for this queue type.");
        MessageToSend standardDelayed = parse("{\"MessageBody\":\"b\",\"DelaySeconds\":5}");
        assertThat(code(standardDelayed, STANDARD)).isEqualTo("accepted");
        assertThat(standardDelayed.toOutgoing(STANDARD).delaySeconds()).isEqualTo(5);
        // An explicit 0 asks for nothing: accepted, and the queue's delay applies.
        MessageToSend zero = parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"g\",\"MessageDeduplicationId\":\"d\",\"DelaySeconds\":0}");
        assertThat(code(zero, FIFO)).isEqualTo("accepted");
        assertThat(zero.toOutgoing(FIFO).delaySeconds()).isEqualTo(OutgoingMessage.QUEUE_DELAY);
    }

    @Test
    void standardQueuesRefuseDeduplicationIdsButKeepGroups() throws Exception {
        assertThat(code(parse("{\"MessageBody\":\"b\",\"MessageDeduplicationId\":\"d\"}"), STANDARD))
                .startsWith("InvalidParameterValue: Value d for parameter MessageDeduplicationId is invalid.");
        MessageToSend fair = parse("{\"MessageBody\":\"b\",\"MessageGroupId\":\"tenant-1\"}");
        assertThat(code(fair, STANDARD)).isEqualTo("accepted");
        OutgoingMessage out = fair.toOutgoing(STANDARD);
        assertThat(out.groupId()).isEqualTo("tenant-1");
        assertThat(out.dedupId()).isNull();
        // Content-based deduplication means nothing on a standard queue.
        assertThat(parse("{\"MessageBody\":\"b\"}").toOutgoing(new TargetQueue(65_536, false, true)).dedupId()).isNull();
    }

    @Test
    void sequenceNumbersAreTwentyDigitDecimals() {
        assertThat(SequenceNumber.format(0)).isEqualTo("00000000000000000000");
        assertThat(SequenceNumber.format(1234)).isEqualTo("00000000000000001234");
        assertThat(SequenceNumber.format(Long.MAX_VALUE)).isEqualTo("09223372036854775807");
        assertThat(SequenceNumber.format(99).compareTo(SequenceNumber.format(100))).isNegative();
        assertThatThrownBy(() -> SequenceNumber.format(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
