package io.opencmq.protocol.sqs.action.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.request.SqsParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a message attribute's data type and values, as SendMessage checks them. */
class MessageAttributeRulesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static MessageToSend parse(ObjectNode attribute) {
        ObjectNode request = MAPPER.createObjectNode().put("MessageBody", "b");
        request.putObject("MessageAttributes").set("a", attribute);
        return MessageToSend.parse(new SqsParams(request));
    }

    private static String refusal(ObjectNode attribute) {
        try {
            parse(attribute);
        } catch (SqsException e) {
            return e.error().code() + ": " + e.error().message();
        }
        return "accepted";
    }

    private static ObjectNode attribute(String dataType) {
        return MAPPER.createObjectNode().put("DataType", dataType);
    }

    @Test
    void aDataTypeMayHoldOnlyTheCharactersABodyMay() {
        assertThat(refusal(attribute("String.\u0001").put("StringValue", "v")))
                .startsWith("InvalidMessageContents: Invalid binary character '#x1' was found in the data type of message attribute 'a'");
        assertThat(refusal(attribute("Binary.\uFFFE").put("BinaryValue", "AQI=")))
                .startsWith("InvalidMessageContents: Invalid binary character '#xFFFE'");
        // A lone surrogate is no character at all.
        assertThat(refusal(attribute("Number.\uD800").put("StringValue", "1"))).startsWith("InvalidMessageContents");

        // Custom suffixes in any script, tabs and characters beyond the BMP are fine.
        MessageToSend ok = parse(attribute("String.été\t\uD83D\uDE00").put("StringValue", "v"));
        assertThat(ok.attributes().getFirst().dataType()).isEqualTo("String.été\t\uD83D\uDE00");
    }

    @Test
    void anAttributeWithBothAStringAndABinaryValueIsRefusedWhateverItsType() {
        for (String type : new String[] {"String", "Number", "Binary", "Binary.png", "String.x"}) {
            ObjectNode both = attribute(type).put("StringValue", "1").put("BinaryValue", "AQI=");
            assertThat(refusal(both)).as(type)
                    .isEqualTo("InvalidParameterValue: Message attribute 'a' must have either a StringValue or a BinaryValue, not both.");
        }
        // Each alone is accepted; JSON null counts as absent.
        assertThat(refusal(attribute("String").put("StringValue", "v"))).isEqualTo("accepted");
        assertThat(refusal(attribute("Binary").put("BinaryValue", "AQI="))).isEqualTo("accepted");
        ObjectNode withNull = attribute("String").put("StringValue", "v");
        withNull.putNull("BinaryValue");
        assertThat(refusal(withNull)).isEqualTo("accepted");
    }
}
