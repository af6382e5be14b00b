package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/** CreateTopic, SetTopicAttributes, ListTopic, GetTopicAttributes, DeleteTopic. */
class TopicManagementActionsTest {
    private final CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void createTopicAnswersATopicIdAndGetTopicAttributesEverySdkField() {
        long created = server.nowSeconds();
        JsonNode body = server.call("CreateTopic", "topicName", "events");
        assertOk(body);
        String topicId = string(body, "topicId");
        assertThat(topicId).isNotEmpty();

        JsonNode a = server.call("GetTopicAttributes", "topicName", "EVENTS");
        assertOk(a);
        assertThat(string(a, "topicId")).isEqualTo(topicId);
        assertThat(string(a, "topicName")).isEqualTo("events");
        assertThat(number(a, "msgCount")).isZero();
        assertThat(number(a, "maxMsgSize")).isEqualTo(65536);
        assertThat(number(a, "msgRetentionSeconds")).isEqualTo(86400);
        assertThat(number(a, "createTime")).isEqualTo(created);
        assertThat(number(a, "lastModifyTime")).isEqualTo(created);
        assertThat(number(a, "filterType")).isEqualTo(1);
    }

    @Test
    void createTopicTakesWhatTheJavaSdkSends() {
        assertOk(server.call("CreateTopic", "topicName", "routed", "maxMsgSize", "1048576", "filterType", "2"));
        JsonNode a = server.call("GetTopicAttributes", "topicName", "routed");
        assertThat(number(a, "maxMsgSize")).isEqualTo(1048576);
        assertThat(number(a, "filterType")).isEqualTo(2);
        assertOk(server.call("CreateTopic", "topicName", "tagged", "maxMsgSize", "1024", "filterType", "1"));
        assertThat(number(server.call("GetTopicAttributes", "topicName", "tagged"), "filterType")).isEqualTo(1);
    }

    @Test
    void filterTypeIsOneOrTwo() {
        for (String bad : List.of("0", "3", "-1", "99999999999")) {
            assertError(server.call("CreateTopic", "topicName", "t", "filterType", bad), 4000,
                    "(10350)parameter filterType value or length is out of range");
        }
        assertError(server.call("CreateTopic", "topicName", "t", "filterType", "tag"), 4000, "(10360)parameter filterType error type");
        assertOk(server.call("CreateTopic", "topicName", "t", "filterType", ""));
        assertThat(number(server.call("GetTopicAttributes", "topicName", "t"), "filterType")).isEqualTo(1);
    }

    @Test
    void createTopicErrors() {
        assertError(server.call("CreateTopic"), 4000, "(10390)lacked of required parameter topicName");
        assertOk(server.call("CreateTopic", "topicName", "events"));
        assertError(server.call("CreateTopic", "topicName", "Events"), 4460, "(10550)topic is already existed");
        for (String bad : List.of("1abc", "-abc", "a.b", "a b", "主题", "t" + "x".repeat(64))) {
            assertError(server.call("CreateTopic", "topicName", bad), 4000, "(10590)topic name format error");
        }
        assertError(server.call("CreateTopic", "topicName", "big", "maxMsgSize", "1048577"), 4000, "(10350)");
        assertError(server.call("CreateTopic", "topicName", "small", "maxMsgSize", "1023"), 4000, "(10350)");
        assertError(server.call("CreateTopic", "topicName", "typo", "maxMsgSize", "1k"), 4000, "(10360)parameter maxMsgSize error type");
    }

    @Test
    void setTopicAttributesChangesMaxMsgSize() {
        long created = server.nowSeconds();
        assertOk(server.call("CreateTopic", "topicName", "t"));
        server.clock.advanceSeconds(7);
        assertOk(server.call("SetTopicAttributes", "topicName", "t", "maxMsgSize", "2048"));
        JsonNode a = server.call("GetTopicAttributes", "topicName", "t");
        assertThat(number(a, "maxMsgSize")).isEqualTo(2048);
        assertThat(number(a, "createTime")).isEqualTo(created);
        assertThat(number(a, "lastModifyTime")).isEqualTo(created + 7);

        assertError(server.call("SetTopicAttributes", "topicName", "t", "maxMsgSize", "100"), 4000, "(10350)");
        assertError(server.call("SetTopicAttributes", "topicName", "nope", "maxMsgSize", "2048"), 4440,
                "(10600)topic is not existed, or deleted");
        assertThat(number(server.call("GetTopicAttributes", "topicName", "t"), "maxMsgSize")).isEqualTo(2048);
    }

    @Test
    void listTopicPagesAndSearches() {
        for (String name : List.of("alpha", "beta", "alphabet", "gamma")) {
            assertOk(server.call("CreateTopic", "topicName", name));
        }
        JsonNode all = server.call("ListTopic");
        assertOk(all);
        assertThat(number(all, "totalCount")).isEqualTo(4);
        assertThat(all.get("topicList").size()).isEqualTo(4);
        for (JsonNode t : all.get("topicList")) {
            assertThat(string(t, "topicId")).isNotEmpty();
            string(t, "topicName");
        }

        JsonNode search = server.call("ListTopic", "searchWord", "ALPHA");
        assertThat(number(search, "totalCount")).isEqualTo(2);
        assertThat(search.get("topicList").findValuesAsText("topicName")).containsExactlyInAnyOrder("alpha", "alphabet");

        JsonNode page = server.call("ListTopic", "offset", "3", "limit", "2");
        assertThat(number(page, "totalCount")).isEqualTo(4);
        assertThat(page.get("topicList").size()).isEqualTo(1);

        assertError(server.call("ListTopic", "limit", "1001"), 4000, "(10350)parameter limit");
        assertError(server.call("ListTopic", "offset", "-1"), 4000, "(10350)parameter offset");
    }

    @Test
    void deleteTopicIsRefusedWhileItHasSubscriptions() {
        assertOk(server.call("CreateQueue", "queueName", "q"));
        assertOk(server.call("CreateTopic", "topicName", "t"));
        assertOk(server.call("Subscribe", "topicName", "t", "subscriptionName", "s", "protocol", "queue", "endpoint", "q"));
        assertError(server.call("DeleteTopic", "topicName", "t"), 4000, "(10540)");
        assertOk(server.call("Unsubscribe", "topicName", "t", "subscriptionName", "s"));
        assertOk(server.call("DeleteTopic", "topicName", "t"));
        assertError(server.call("GetTopicAttributes", "topicName", "t"), 4440, "(10600)topic is not existed, or deleted");
        assertError(server.call("DeleteTopic", "topicName", "t"), 4440, "(10600)");
        assertThat(number(server.call("ListTopic"), "totalCount")).isZero();
    }
}
