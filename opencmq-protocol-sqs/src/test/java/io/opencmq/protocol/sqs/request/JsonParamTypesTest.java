package io.opencmq.protocol.sqs.request;

import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.wire.JsonProtocol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * JSON parameters must have the SQS model's JSON types, as AWS requires (it answers a string
 * sent for an integer with SerializationException "STRING_VALUE can not be converted to an
 * Integer"); the query protocol, where every value is text, stays lenient.
 */
class JsonParamTypesTest {

    private static SqsParams json(String body) {
        return JsonProtocol.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static SqsException refused(Runnable read) {
        return catchThrowableOfType(SqsException.class, read::run);
    }

    @Test
    void aStringWhereTheModelHasAnIntegerIsASerializationException() {
        SqsException e = refused(() -> json("{\"MaxNumberOfMessages\":\"2\"}").optionalInt("MaxNumberOfMessages", 1, 10));
        assertThat(e.error().code()).isEqualTo("SerializationException");
        assertThat(e.getMessage()).contains("STRING_VALUE can not be converted to an Integer");
        assertThat(json("{\"MaxNumberOfMessages\":2}").optionalInt("MaxNumberOfMessages", 1, 10)).isEqualTo(2);
    }

    @Test
    void aNumberOrAStructureWhereTheModelHasAStringIsASerializationException() {
        assertThat(refused(() -> json("{\"QueueName\":5}").string("QueueName")).getMessage())
                .contains("NUMBER_VALUE can not be converted to a String");
        assertThat(refused(() -> json("{\"QueueName\":{\"a\":1}}").string("QueueName")).getMessage())
                .contains("Start of structure or map found where not expected");
        assertThat(refused(() -> json("{\"Attributes\":{\"DelaySeconds\":5}}").stringMap("Attributes")).error().code())
                .isEqualTo("SerializationException");
        assertThat(refused(() -> json("{\"AttributeNames\":[1]}").stringList("AttributeNames")).error().code())
                .isEqualTo("SerializationException");
        assertThat(refused(() -> json("{\"Entries\":\"\"}").structList("Entries")).error().code())
                .isEqualTo("SerializationException");
    }

    @Test
    void typesAreCheckedInsideBatchEntriesAndAttributeMapsToo() {
        SqsParams entry = json("{\"Entries\":[{\"Id\":\"a\",\"DelaySeconds\":\"5\"}]}").structList("Entries").get(0);
        assertThat(refused(() -> entry.optionalInt("DelaySeconds", 0, 900)).error().code()).isEqualTo("SerializationException");
        SqsParams attribute = json("{\"MessageAttributes\":{\"n\":{\"DataType\":\"Number\",\"StringValue\":5}}}")
                .structMap("MessageAttributes").get("n");
        assertThat(refused(() -> attribute.string("StringValue")).error().code()).isEqualTo("SerializationException");
    }

    @Test
    void theQueryProtocolStaysLenient() {
        QueryForm form = QueryForm.parse("POST", "",
                "Action=ReceiveMessage&MaxNumberOfMessages=2&Entries=".getBytes(StandardCharsets.UTF_8));
        assertThat(form.params().optionalInt("MaxNumberOfMessages", 1, 10)).isEqualTo(2);
        assertThat(form.params().structList("Entries")).isEqualTo(List.of());
    }
}
