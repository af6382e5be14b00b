package io.opencmq.protocol.sqs.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsHttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The XML and JSON encodings of results and errors. */
class WireFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void resultsRenderAsQueryXmlWithFlattenedListsAndMaps() throws Exception {
        ObjectNode result = (ObjectNode) MAPPER.readTree("""
                {"Successful":[{"Id":"a","MessageId":"m1"}],
                 "Failed":[{"Id":"b","SenderFault":true,"Code":"InvalidParameterValue","Message":"x < y"}],
                 "Messages":[{"Body":"r\\r\\nn","Attributes":{"SentTimestamp":"1"},
                              "MessageAttributes":{"k":{"StringValue":"v","DataType":"String"}}}],
                 "QueueUrls":["u1","u2"]}""");

        String xml = new String(QueryXml.result("SendMessageBatch", result, "rid").body(), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\"?><SendMessageBatchResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
                + "<SendMessageBatchResult>");
        assertThat(xml).contains("<SendMessageBatchResultEntry><Id>a</Id><MessageId>m1</MessageId></SendMessageBatchResultEntry>");
        assertThat(xml).contains("<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>"
                + "<Message>x &lt; y</Message></BatchResultErrorEntry>");
        assertThat(xml).contains("<Message><Body>r&#xD;\nn</Body><Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute>"
                + "<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue><DataType>String</DataType></Value></MessageAttribute></Message>");
        assertThat(xml).contains("<QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>");
        assertThat(xml).endsWith("<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></SendMessageBatchResponse>");
    }

    @Test
    void jsonResultsLeaveOutEmptyOptionalListsAndMapsButKeepRequiredOnes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode receive = mapper.createObjectNode();
        receive.putArray("Messages");
        assertThat(new String(JsonProtocol.result(receive, "rid").body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        ObjectNode attributes = mapper.createObjectNode();
        attributes.putObject("Attributes");
        attributes.putObject("Tags").put("k", "v");
        assertThat(mapper.readTree(JsonProtocol.result(attributes, "rid").body()))
                .isEqualTo(mapper.readTree("{\"Tags\":{\"k\":\"v\"}}"));
        ObjectNode batch = mapper.createObjectNode();
        batch.putArray("Successful").addObject().put("Id", "a");
        batch.putArray("Failed");
        ObjectNode sources = mapper.createObjectNode();
        sources.putArray("queueUrls");
        assertThat(mapper.readTree(JsonProtocol.result(batch, "rid").body()).has("Failed")).isTrue();
        assertThat(mapper.readTree(JsonProtocol.result(sources, "rid").body()).has("queueUrls")).isTrue();
    }

    @Test
    void xmlReplacesCharactersXmlCannotCarry() {
        StringBuilder sb = new StringBuilder();
        QueryXml.escape(sb, "a\u0001b\uD800c\uD83D\uDE00&'\"");
        assertThat(sb.toString()).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00&amp;&apos;&quot;");
    }

    @Test
    void errorsInBothProtocols() throws Exception {
        SqsHttpResponse xml = QueryXml.error(SqsErrors.queueDoesNotExist(), "rid");
        assertThat(xml.status()).isEqualTo(400);
        assertThat(new String(xml.body(), StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\"?><ErrorResponse "
                + "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
                + "<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message>"
                + "<Detail/></Error><RequestId>rid</RequestId></ErrorResponse>");

        SqsHttpResponse json = JsonProtocol.error(SqsErrors.internal(), "rid");
        assertThat(json.status()).isEqualTo(500);
        assertThat(json.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(json.headers()).containsEntry("x-amzn-query-error", "InternalFailure;Receiver").containsEntry("x-amzn-RequestId", "rid");
        assertThat(MAPPER.readTree(json.body()).get("__type").asText()).isEqualTo("com.amazonaws.sqs#InternalFailure");
    }
}
