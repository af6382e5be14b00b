package io.opencmq.bench.cmq;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CmqResponsesTest {

    @Test
    void readsTheCodeAndEveryMessageOfABatchReceive() {
        byte[] json = ("{\"code\":0,\"message\":\"\",\"requestId\":\"r1\",\"msgInfoList\":["
                + "{\"msgId\":\"1\",\"receiptHandle\":\"aa-_1\",\"msgBody\":\"0000000000000010xyz\",\"enqueueTime\":1},"
                + "{\"msgId\":\"2\",\"receiptHandle\":\"bb\",\"msgBody\":\"hello\",\"enqueueTime\":1}]}").getBytes(StandardCharsets.US_ASCII);
        List<String> seen = new ArrayList<>();

        int n = CmqResponses.forEachMessage(json, json.length, (i, h, hl, b, bl) ->
                seen.add(i + ":" + new String(json, h, hl, StandardCharsets.US_ASCII) + ":" + new String(json, b, bl, StandardCharsets.US_ASCII)));

        assertThat(CmqResponses.code(json, json.length)).isZero();
        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly("0:aa-_1:0000000000000010xyz", "1:bb:hello");
    }

    @Test
    void anErrorCodeOrNoCodeAtAll() {
        byte[] noMessage = "{\"code\":7000,\"message\":\"(10200)no message\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] html = "<html>oops</html>".getBytes(StandardCharsets.US_ASCII);

        assertThat(CmqResponses.code(noMessage, noMessage.length)).isEqualTo(7000);
        assertThat(CmqResponses.code(html, html.length)).isEqualTo(CmqResponses.UNREADABLE);
        assertThat(CmqResponses.forEachMessage(noMessage, noMessage.length, (i, h, hl, b, bl) -> { })).isZero();
    }
}
