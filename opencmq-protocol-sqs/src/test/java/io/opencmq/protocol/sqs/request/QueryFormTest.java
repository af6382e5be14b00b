package io.opencmq.protocol.sqs.request;

import io.opencmq.protocol.sqs.SqsException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The query protocol's flattened parameters become the JSON protocol's tree. */
class QueryFormTest {

    private static QueryForm post(String body) {
        return QueryForm.parse("POST", "", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsMapsAndEntriesBecomeTheJsonShape() {
        QueryForm form = post("Action=SendMessageBatch&Version=2012-11-05&QueueUrl=http%3A%2F%2Fh%2F1%2Fq"
                + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two"
                + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one+%26+more"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=k"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=Number"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=7");

        assertThat(form.action()).isEqualTo("SendMessageBatch");
        assertThat(form.params().has("Version")).isFalse();
        assertThat(form.params().string("QueueUrl")).isEqualTo("http://h/1/q");
        List<SqsParams> entries = form.params().structList("Entries");
        assertThat(entries).extracting(e -> e.string("Id")).containsExactly("a", "b");
        assertThat(entries.getFirst().string("MessageBody")).isEqualTo("one & more");
        SqsParams attribute = entries.getFirst().structMap("MessageAttributes").get("k");
        assertThat(attribute.string("DataType")).isEqualTo("Number");
        assertThat(attribute.optionalInt("StringValue", 0, 10)).isEqualTo(7);
    }

    @Test
    void attributeNamesAndAttributeMapsAreRenamed() {
        QueryForm form = post("Action=X&AttributeName.1=All&AttributeName.2=QueueArn"
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40&Tag.1.Key=team&Tag.1.Value=core&TagKey.1=env");
        assertThat(form.params().stringList("AttributeNames")).containsExactly("All", "QueueArn");
        assertThat(form.params().stringMap("Attributes")).isEqualTo(Map.of("VisibilityTimeout", "40"));
        assertThat(form.params().stringMap("Tags")).isEqualTo(Map.of("team", "core"));
        assertThat(form.params().stringList("TagKeys")).containsExactly("env");
    }

    @Test
    void anEmptyListOrMapWrittenAsABareNameIsEmpty() {
        QueryForm form = post("Action=X&Entries=&AttributeNames=&TagKeys=&Attributes=");
        assertThat(form.params().structList("Entries")).isEmpty();
        assertThat(form.params().has("Entries")).isTrue();
        assertThat(form.params().stringList("AttributeNames")).isEmpty();
        assertThat(form.params().stringList("TagKeys")).isEmpty();
        assertThat(form.params().stringMap("Attributes")).isEmpty();
    }

    @Test
    void tagQueueSpellsItsTagMapTags() {
        QueryForm form = post("Action=TagQueue&Tags.1.Key=env&Tags.1.Value=test&Tags.2.Key=team&Tags.2.Value=platform");
        assertThat(form.params().stringMap("Tags")).isEqualTo(Map.of("env", "test", "team", "platform"));
    }

    @Test
    void queryStringAndBodyAreMergedButNeverRepeated() {
        QueryForm form = QueryForm.parse("POST", "Action=ListQueues", "QueueNamePrefix=a".getBytes(StandardCharsets.UTF_8));
        assertThat(form.action()).isEqualTo("ListQueues");
        assertThat(form.params().string("QueueNamePrefix")).isEqualTo("a");

        assertThat(code(() -> QueryForm.parse("POST", "Action=A", "Action=B".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("MalformedQueryString");
        assertThat(code(() -> post("Action=X&Attribute.1=a&Attribute.1.Name=b"))).isEqualTo("MalformedQueryString");
        assertThat(code(() -> post("Action=X&AttributeName.0=a"))).isEqualTo("MalformedQueryString");
        assertThat(code(() -> post("Action=X&MessageBody=%E4%B8"))).isEqualTo("MalformedQueryString");
        assertThat(code(() -> post("Action=X&Attribute.1.Value=1"))).isEqualTo("MissingParameter");
    }

    @Test
    void typedGettersRefuseBadValuesWithSqsErrors() {
        SqsParams p = post("Action=X&MaxNumberOfMessages=11&WaitTimeSeconds=abc&Big=99999999999999999999999").params();
        assertThat(code(() -> p.optionalInt("MaxNumberOfMessages", 1, 10))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> p.optionalInt("WaitTimeSeconds", 0, 20))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> p.optionalInt("Big", 0, 20))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> p.requiredString("QueueUrl"))).isEqualTo("MissingParameter");
        assertThat(p.optionalInt("Absent", 0, 1)).isNull();
    }

    private static String code(Runnable r) {
        return catchThrowableOfType(SqsException.class, r::run).error().code();
    }

    @Test
    void aTagWithoutItsValueHasTheEmptyValueButOtherMapsStillNeedOne() {
        QueryForm create = post("Action=CreateQueue&QueueName=q&Tag.1.Key=team&Tag.2.Key=env&Tag.2.Value=prod");
        assertThat(create.params().stringMap("Tags")).containsExactly(Map.entry("team", ""), Map.entry("env", "prod"));
        QueryForm tag = post("Action=TagQueue&Tags.1.Key=solo");
        assertThat(tag.params().stringMap("Tags")).containsExactly(Map.entry("solo", ""));

        SqsException attribute = catchThrowableOfType(SqsException.class,
                () -> post("Action=SetQueueAttributes&Attribute.1.Name=VisibilityTimeout"));
        assertThat(attribute.error().code()).isEqualTo("MissingParameter");
        assertThat(attribute.error().message()).contains("Attribute.1.Value");
        SqsException keyless = catchThrowableOfType(SqsException.class, () -> post("Action=TagQueue&Tags.1.Value=v"));
        assertThat(keyless.error().message()).contains("Tags.1.Key");
    }
}
