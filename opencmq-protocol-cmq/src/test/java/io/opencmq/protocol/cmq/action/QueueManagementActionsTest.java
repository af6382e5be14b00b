package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.limits.QueueLimits;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/** CreateQueue, DeleteQueue, ListQueue, GetQueueAttributes, SetQueueAttributes, ClearQueue, RewindQueue. */
class QueueManagementActionsTest {
    private CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void createQueueAnswersAQueueIdString() {
        JsonNode body = server.call("CreateQueue", "queueName", "orders", "visibilityTimeout", "45");
        assertOk(body);
        assertThat(string(body, "queueId")).isNotEmpty();
    }

    @Test
    void createQueueAcceptsWhatTheJavaSdkSends() {
        assertOk(server.call("CreateQueue", "queueName", "sdk", "maxMsgSize", "1048576",
                "msgRetentionSeconds", "345600", "visibilityTimeout", "30"));
    }

    @Test
    void anExistingQueueNameIs4460CaseInsensitively() {
        assertOk(server.call("CreateQueue", "queueName", "orders"));
        assertError(server.call("CreateQueue", "queueName", "ORDERS"), 4460, "(10210)queue is already existed, case insensitive");
    }

    @Test
    void queueNamesFollowCmqsRule() {
        assertOk(server.call("CreateQueue", "queueName", "a"));
        assertOk(server.call("CreateQueue", "queueName", "A1-b_2"));
        assertOk(server.call("CreateQueue", "queueName", "q" + "x".repeat(63)));
        for (String bad : List.of("1abc", "-abc", "_abc", "a.b", "a b", "队列", "q" + "x".repeat(64))) {
            assertError(server.call("CreateQueue", "queueName", bad), 4000, "(10020)queue name format error");
        }
        assertError(server.call("CreateQueue"), 4000, "(10390)lacked of required parameter queueName");
    }

    @Test
    void attributeValuesAreCheckedForTypeHereAndForRangeByTheCore() {
        assertError(server.call("CreateQueue", "queueName", "q", "visibilityTimeout", "abc"), 4000,
                "(10360)parameter visibilityTimeout error type");
        assertError(server.call("CreateQueue", "queueName", "q", "visibilityTimeout", "99999999999"), 4000,
                "(10350)parameter visibilityTimeout value or length is out of range");
        assertError(server.call("CreateQueue", "queueName", "q", "visibilityTimeout", "0"), 4000,
                "(10350)parameter value or length is out of range: visibilityTimeout");
        assertError(server.call("CreateQueue", "queueName", "q", "maxMsgHeapNum", "99999999999999999999"), 4000, "(10350)");
        assertError(server.call("CreateQueue", "queueName", "q", "maxMsgSize", "2000000"), 4000, "(10350)");
        assertError(server.call("CreateQueue", "queueName", "q", "pollingWaitSeconds", "31"), 4000, "(10350)");
    }

    @Test
    void getQueueAttributesReturnsEveryFieldWithTheRightTypes() {
        long created = server.nowSeconds();
        assertOk(server.call("CreateQueue", "queueName", "q", "visibilityTimeout", "45", "rewindSeconds", "600"));
        server.clock.advanceSeconds(5);
        server.call("SendMessage", "queueName", "q", "msgBody", "one");
        server.call("SendMessage", "queueName", "q", "msgBody", "later", "delaySeconds", "60");
        server.call("SendMessage", "queueName", "q", "msgBody", "two");
        assertOk(server.call("ReceiveMessage", "queueName", "q"));

        JsonNode a = server.call("GetQueueAttributes", "queueName", "q");
        assertOk(a);
        assertThat(string(a, "queueName")).isEqualTo("q");
        assertThat(string(a, "queueId")).isNotEmpty();
        assertThat(number(a, "maxMsgHeapNum")).isEqualTo(QueueLimits.DEFAULT.defaultMaxMsgHeapNum());
        assertThat(number(a, "pollingWaitSeconds")).isEqualTo(0);
        assertThat(number(a, "visibilityTimeout")).isEqualTo(45);
        assertThat(number(a, "maxMsgSize")).isEqualTo(65536);
        assertThat(number(a, "msgRetentionSeconds")).isEqualTo(345600);
        assertThat(number(a, "rewindSeconds")).isEqualTo(600);
        assertThat(number(a, "createTime")).isEqualTo(created);
        assertThat(number(a, "lastModifyTime")).isEqualTo(created);
        assertThat(number(a, "activeMsgNum")).isEqualTo(1);
        assertThat(number(a, "inactiveMsgNum")).isEqualTo(1);
        assertThat(number(a, "delayMsgNum")).isEqualTo(1);
        assertThat(number(a, "rewindMsgNum")).isZero();
        assertThat(number(a, "rewindmsgNum")).isZero();
        assertThat(number(a, "minMsgTime")).isEqualTo(created + 5);
        assertThat(a.has("deadLetterPolicy")).isFalse();
    }

    @Test
    void getQueueAttributesOfAMissingQueueIs4440() {
        assertError(server.call("GetQueueAttributes", "queueName", "nope"), 4440, "(10100)queue is not existed, or deleted");
    }

    @Test
    void setQueueAttributesEchoesTheNewValues() {
        assertOk(server.call("CreateQueue", "queueName", "q"));
        server.clock.advanceSeconds(10);
        JsonNode set = server.call("SetQueueAttributes", "queueName", "q", "visibilityTimeout", "120", "maxMsgSize", "2048",
                "rewindSeconds", "300");
        assertOk(set);
        assertThat(number(set, "visibilityTimeout")).isEqualTo(120);
        assertThat(number(set, "maxMsgSize")).isEqualTo(2048);
        assertThat(number(set, "rewindSeconds")).isEqualTo(300);
        assertThat(number(set, "msgRetentionSeconds")).isEqualTo(345600);
        assertThat(number(set, "pollingWaitSeconds")).isZero();
        assertThat(number(set, "maxMsgHeapNum")).isEqualTo(QueueLimits.DEFAULT.defaultMaxMsgHeapNum());

        JsonNode a = server.call("GetQueueAttributes", "queueName", "q");
        assertThat(number(a, "visibilityTimeout")).isEqualTo(120);
        assertThat(number(a, "lastModifyTime")).isEqualTo(server.nowSeconds());
        assertThat(number(a, "createTime")).isEqualTo(server.nowSeconds() - 10);
    }

    @Test
    void setQueueAttributesMapsTheCoresRules() {
        assertOk(server.call("CreateQueue", "queueName", "q", "msgRetentionSeconds", "600"));
        assertError(server.call("SetQueueAttributes", "queueName", "q", "rewindSeconds", "601"), 4000,
                "(10700)rewindSeconds cannot be greater than msgRetentionSeconds");
        assertError(server.call("SetQueueAttributes", "queueName", "nope", "visibilityTimeout", "5"), 4440, "(10100)");
    }

    @Test
    void listQueuePagesAndSearches() {
        for (String name : List.of("alpha", "beta", "alphabet", "gamma")) {
            assertOk(server.call("CreateQueue", "queueName", name));
        }
        JsonNode all = server.call("ListQueue");
        assertOk(all);
        assertThat(number(all, "totalCount")).isEqualTo(4);
        assertThat(all.get("queueList").size()).isEqualTo(4);
        for (JsonNode q : all.get("queueList")) {
            string(q, "queueId");
            string(q, "queueName");
        }

        JsonNode search = server.call("ListQueue", "searchWord", "ALPHA");
        assertThat(number(search, "totalCount")).isEqualTo(2);
        assertThat(search.get("queueList").findValuesAsText("queueName")).containsExactlyInAnyOrder("alpha", "alphabet");

        JsonNode page = server.call("ListQueue", "offset", "1", "limit", "2");
        assertThat(number(page, "totalCount")).isEqualTo(4);
        assertThat(page.get("queueList").size()).isEqualTo(2);

        assertError(server.call("ListQueue", "limit", "1001"), 4000, "(10350)parameter limit");
        assertError(server.call("ListQueue", "offset", "-1"), 4000, "(10350)parameter offset");
    }

    @Test
    void deleteQueueRemovesIt() {
        assertOk(server.call("CreateQueue", "queueName", "q"));
        assertOk(server.call("DeleteQueue", "queueName", "q"));
        assertError(server.call("GetQueueAttributes", "queueName", "q"), 4440, "(10100)");
        assertError(server.call("DeleteQueue", "queueName", "q"), 4440, "(10100)");
    }

    @Test
    void clearQueueDeletesEveryMessage() {
        assertOk(server.call("CreateQueue", "queueName", "q"));
        server.call("BatchSendMessage", "queueName", "q", "msgBody.1", "a", "msgBody.2", "b", "msgBody.3", "c");
        server.call("ReceiveMessage", "queueName", "q");
        assertOk(server.call("ClearQueue", "queueName", "q"));
        JsonNode a = server.call("GetQueueAttributes", "queueName", "q");
        assertThat(number(a, "activeMsgNum")).isZero();
        assertThat(number(a, "inactiveMsgNum")).isZero();
        assertError(server.call("ReceiveMessage", "queueName", "q"), 7000, "(10200)no message");
    }

    @Test
    void rewindQueueMakesDeletedMessagesReceivableAgain() {
        long start = server.nowSeconds();
        assertOk(server.call("CreateQueue", "queueName", "q", "rewindSeconds", "3600"));
        server.clock.advanceSeconds(1);
        server.call("SendMessage", "queueName", "q", "msgBody", "again");
        JsonNode received = server.call("ReceiveMessage", "queueName", "q");
        assertOk(server.call("DeleteMessage", "queueName", "q", "receiptHandle", string(received, "receiptHandle")));
        assertError(server.call("ReceiveMessage", "queueName", "q"), 7000, "(10200)no message");
        assertThat(number(server.call("GetQueueAttributes", "queueName", "q"), "rewindMsgNum")).isEqualTo(1);

        server.clock.advanceSeconds(10);
        assertOk(server.call("RewindQueue", "queueName", "q", "startConsumeTime", Long.toString(start)));
        JsonNode again = server.call("ReceiveMessage", "queueName", "q");
        assertOk(again);
        assertThat(string(again, "msgBody")).isEqualTo("again");
    }

    @Test
    void rewindQueueErrors() {
        assertOk(server.call("CreateQueue", "queueName", "plain"));
        assertError(server.call("RewindQueue", "queueName", "plain", "startConsumeTime", Long.toString(server.nowSeconds())),
                6050, "(10670)your queue cannot be rewinded");
        assertOk(server.call("CreateQueue", "queueName", "r", "rewindSeconds", "60"));
        assertError(server.call("RewindQueue", "queueName", "r", "startConsumeTime", Long.toString(server.nowSeconds() + 3600)),
                4000, "(10680)invalid rewind time");
        assertError(server.call("RewindQueue", "queueName", "r"), 4000, "(10390)lacked of required parameter startConsumeTime");
        assertError(server.call("RewindQueue", "queueName", "r", "startConsumeTime", "-5"), 4000, "(10350)");
        assertError(server.call("RewindQueue", "queueName", "r", "startConsumeTime", "99999999999999999"), 4000, "(10350)");
    }

    @Test
    void theQueueCountLimitIs4450() {
        server.close();
        server = new CmqTestServer(BrokerOptions.defaults().withLimits(QueueLimits.DEFAULT.withMaxQueues(1)), CmqApiOptions.defaults());
        assertOk(server.call("CreateQueue", "queueName", "one"));
        assertError(server.call("CreateQueue", "queueName", "two"), 4450, "(10220)number of queues has reached the limit");
    }
}
