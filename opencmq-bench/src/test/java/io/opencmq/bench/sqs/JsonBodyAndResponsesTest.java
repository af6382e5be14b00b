package io.opencmq.bench.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyAndResponsesTest {

    @Test
    void stringsAreEscapedSoThatAParserReadsThemBack() throws Exception {
        String value = "quote \" backslash \\ tab \t nl \n é 中 end";
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        JsonBody json = new JsonBody().raw("{\"v\":".getBytes(StandardCharsets.US_ASCII)).string(utf8, 0, utf8.length)
                .raw(",\"n\":".getBytes(StandardCharsets.US_ASCII)).number(42).raw("}".getBytes(StandardCharsets.US_ASCII));

        var tree = new ObjectMapper().readTree(json.bytes(), 0, json.length());
        assertThat(tree.get("v").asText()).isEqualTo(value);
        assertThat(tree.get("n").asInt()).isEqualTo(42);
        assertThat(json.reset().length()).isZero();
    }

    @Test
    void readsEveryMessageOfAReceiveAnswer() {
        byte[] json = ("{\"Messages\":[{\"MessageId\":\"m1\",\"ReceiptHandle\":\"h-1_\",\"MD5OfBody\":\"x\",\"Body\":\"0000000000000010abc\","
                + "\"Attributes\":{\"SentTimestamp\":\"1\"}},{\"MessageId\":\"m2\",\"ReceiptHandle\":\"h2\",\"MD5OfBody\":\"y\",\"Body\":\"hi\"}]}")
                .getBytes(StandardCharsets.US_ASCII);
        List<String> seen = new ArrayList<>();

        int n = SqsResponses.forEachMessage(json, json.length, (i, h, hl, b, bl) ->
                seen.add(i + ":" + new String(json, h, hl, StandardCharsets.US_ASCII) + ":" + new String(json, b, bl, StandardCharsets.US_ASCII)));

        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly("0:h-1_:0000000000000010abc", "1:h2:hi");
        byte[] empty = "{}".getBytes(StandardCharsets.US_ASCII);
        assertThat(SqsResponses.forEachMessage(empty, empty.length, (i, h, hl, b, bl) -> { })).isZero();
    }

    @Test
    void countsTheFailedEntriesOfABatchAnswer() {
        byte[] allGood = "{\"Successful\":[{\"Id\":\"1\",\"MessageId\":\"a\"},{\"Id\":\"2\",\"MessageId\":\"b\"}],\"Failed\":[]}"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] oneFailed = ("{\"Successful\":[{\"Id\":\"1\"}],\"Failed\":[{\"Id\":\"2\",\"SenderFault\":true,"
                + "\"Code\":\"ReceiptHandleIsInvalid\",\"Message\":\"bad\"}]}").getBytes(StandardCharsets.US_ASCII);

        assertThat(SqsResponses.failedEntries(allGood, allGood.length)).isZero();
        assertThat(SqsResponses.failedEntries(oneFailed, oneFailed.length)).isEqualTo(1);
        assertThat(SqsResponses.describeError(200, oneFailed, oneFailed.length)).startsWith("failed batch entry: \"Code\":\"ReceiptHandleIsInvalid\"");
    }
}
