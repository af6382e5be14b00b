package io.opencmq.protocol.cmq.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.protocol.cmq.CmqTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static io.opencmq.protocol.cmq.JsonAssertions.number;
import static io.opencmq.protocol.cmq.JsonAssertions.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribe, Unsubscribe, ListSubscriptionByTopic, GetSubscriptionAttributes,
 * SetSubscriptionAttributes, ClearSubscriptionFilterTags.
 */
class SubscriptionActionsTest {
    private static final String HOOK = "http://127.0.0.1:9/hook";

    private final CmqTestServer server = new CmqTestServer();

    @BeforeEach
    void createTopicAndQueue() {
        assertOk(server.call("CreateTopic", "topicName", "t"));
        assertOk(server.call("CreateTopic", "topicName", "routed", "filterType", "2"));
        assertOk(server.call("CreateQueue", "queueName", "q"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    /** Subscribe with the given parameters added to topicName=t, subscriptionName=s. */
    private JsonNode subscribe(String... more) {
        List<String> args = new ArrayList<>(List.of("topicName", "t", "subscriptionName", "s"));
        args.addAll(List.of(more));
        return server.call("Subscribe", args.toArray(String[]::new));
    }

    private JsonNode attributes(String subscription) {
        JsonNode a = server.call("GetSubscriptionAttributes", "topicName", "t", "subscriptionName", subscription);
        assertOk(a);
        return a;
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode array = node.get(field);
        assertThat(array).as("field %s in %s", field, node).isNotNull();
        assertThat(array.isArray()).isTrue();
        List<String> values = new ArrayList<>();
        for (JsonNode v : array) {
            assertThat(v.isTextual()).as("%s holds strings: %s", field, node).isTrue();
            values.add(v.textValue());
        }
        return values;
    }

    @Test
    void aQueueSubscriptionHasEveryAttributeWithTheRightType() {
        long created = server.nowSeconds();
        JsonNode body = subscribe("protocol", "queue", "endpoint", "q", "notifyContentFormat", "SIMPLIFIED",
                "filterTag.1", "red", "filterTag.2", "blue");
        assertOk(body);
        String id = string(body, "subscriptionId");
        assertThat(id).isNotEmpty();

        JsonNode a = attributes("S");
        assertThat(string(a, "topicOwner")).isNotNull();
        assertThat(string(a, "topicName")).isEqualTo("t");
        assertThat(string(a, "subscriptionId")).isEqualTo(id);
        assertThat(string(a, "subscriptionName")).isEqualTo("s");
        assertThat(number(a, "msgCount")).isZero();
        assertThat(string(a, "protocol")).isEqualTo("queue");
        assertThat(string(a, "endpoint")).isEqualTo("q");
        assertThat(string(a, "notifyStrategy")).isEqualTo("EXPONENTIAL_DECAY_RETRY");
        assertThat(string(a, "notifyContentFormat")).isEqualTo("SIMPLIFIED");
        assertThat(number(a, "createTime")).isEqualTo(created);
        assertThat(number(a, "lastModifyTime")).isEqualTo(created);
        assertThat(strings(a, "filterTag")).containsExactly("red", "blue");
        assertThat(strings(a, "bindingKey")).isEmpty();
        assertThat(number(a, "deliveredCount")).isZero();
        assertThat(number(a, "failedAttempts")).isZero();
        assertThat(string(a, "lastError")).isEmpty();
        assertThat(number(a, "lastErrorTime")).isZero();
    }

    @Test
    void aQueueSubscriptionDefaultsToSimplifiedAndRefusesJson() {
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
        assertThat(string(attributes("s"), "notifyContentFormat")).isEqualTo("SIMPLIFIED");
        assertError(server.call("Subscribe", "topicName", "t", "subscriptionName", "s2", "protocol", "queue", "endpoint", "q",
                "notifyContentFormat", "JSON"), 4000, "(10640)");
    }

    @Test
    void anHttpSubscriptionTakesItsStrategyAndFormat() {
        assertOk(subscribe("protocol", "http", "endpoint", HOOK, "notifyStrategy", "BACKOFF_RETRY"));
        JsonNode a = attributes("s");
        assertThat(string(a, "protocol")).isEqualTo("http");
        assertThat(string(a, "endpoint")).isEqualTo(HOOK);
        assertThat(string(a, "notifyStrategy")).isEqualTo("BACKOFF_RETRY");
        assertThat(string(a, "notifyContentFormat")).isEqualTo("JSON");

        assertOk(server.call("Subscribe", "topicName", "t", "subscriptionName", "secure", "protocol", "https",
                "endpoint", "https://example.invalid/x", "notifyContentFormat", "simplified"));
        JsonNode secure = attributes("secure");
        assertThat(string(secure, "protocol")).isEqualTo("https");
        assertThat(string(secure, "notifyContentFormat")).isEqualTo("SIMPLIFIED");
        assertThat(string(secure, "notifyStrategy")).isEqualTo("EXPONENTIAL_DECAY_RETRY");
    }

    @Test
    void bindingKeysBelongToRoutingKeyTopics() {
        assertOk(server.call("Subscribe", "topicName", "routed", "subscriptionName", "s", "protocol", "queue", "endpoint", "q",
                "bindingKey.1", "order.*", "bindingKey.2", "#.paid"));
        JsonNode a = server.call("GetSubscriptionAttributes", "topicName", "routed", "subscriptionName", "s");
        assertThat(strings(a, "bindingKey")).containsExactly("order.*", "#.paid");
        assertThat(strings(a, "filterTag")).isEmpty();
    }

    @Test
    void aRoutingKeyTopicNeedsABindingKey() {
        assertError(server.call("Subscribe", "topicName", "routed", "subscriptionName", "s", "protocol", "queue", "endpoint", "q"),
                4000, "(10710)");
        assertOk(server.call("Subscribe", "topicName", "routed", "subscriptionName", "s", "protocol", "queue", "endpoint", "q",
                "bindingKey.1", "#"));
        assertOk(server.call("SetSubscriptionAttributes", "topicName", "routed", "subscriptionName", "s", "bindingKey.1", "a.*"));
        JsonNode a = server.call("GetSubscriptionAttributes", "topicName", "routed", "subscriptionName", "s");
        assertThat(strings(a, "bindingKey")).containsExactly("a.*");
    }

    @Test
    void aQueueSubscriptionNeedsAnExistingQueue() {
        assertError(subscribe("protocol", "queue", "endpoint", "nope"), 4000, "(10500)endpoint format error");
        assertOk(subscribe("protocol", "queue", "endpoint", "Q"));
        assertThat(string(attributes("s"), "endpoint")).isEqualTo("q");
    }

    @Test
    void wireNamesAreCheckedWithCmqsOwnCodes() {
        assertError(subscribe("protocol", "ftp", "endpoint", "q"), 4000, "(10510)undefined protocol ftp");
        assertError(subscribe("protocol", "queue", "endpoint", "q", "notifyStrategy", "NEVER"), 4000,
                "(10520)undefined notify retry strategy NEVER");
        assertError(subscribe("protocol", "http", "endpoint", HOOK, "notifyContentFormat", "XML"), 4000,
                "(10530)undefined content format XML");
        assertError(subscribe("endpoint", "q"), 4000, "(10390)lacked of required parameter protocol");
        assertError(subscribe("protocol", "queue"), 4000, "(10390)lacked of required parameter endpoint");
        assertError(server.call("Subscribe", "topicName", "t", "protocol", "queue", "endpoint", "q"), 4000,
                "(10390)lacked of required parameter subscriptionName");
    }

    @Test
    void filterTagAndBindingKeyArraysAreChecked() {
        List<String> six = new ArrayList<>(List.of("protocol", "queue", "endpoint", "q"));
        for (int i = 1; i <= 6; i++) {
            six.addAll(List.of("filterTag." + i, "tag" + i));
        }
        assertError(subscribe(six.toArray(String[]::new)), 4000, "(10490)too many filterTag");
        assertError(subscribe("protocol", "queue", "endpoint", "q", "filterTag.1", "a", "filterTag.3", "b"), 4000,
                "(10380)filterTag parameter is not consequent");
        assertError(subscribe("protocol", "queue", "endpoint", "q", "filterTag.1", "x".repeat(17)), 4000, "(10720)");

        List<String> keys = new ArrayList<>(List.of("topicName", "routed", "subscriptionName", "s", "protocol", "queue", "endpoint", "q"));
        for (int i = 0; i < 6; i++) {
            keys.addAll(List.of("bindingKey." + i, "k" + i));
        }
        assertError(server.call("Subscribe", keys.toArray(String[]::new)), 4000, "(10680)too many bindingKey");
        assertError(server.call("Subscribe", "topicName", "routed", "subscriptionName", "s", "protocol", "queue", "endpoint", "q",
                "bindingKey.1", "a." + "b.".repeat(15) + "c"), 4000, "(10680)");
        assertThat(number(server.call("ListSubscriptionByTopic", "topicName", "t"), "totalCount")).isZero();
    }

    @Test
    void endpointsAreChecked() {
        assertError(subscribe("protocol", "http", "endpoint", "http://host/a b"), 4510, "(10570)url cannot contain any blank characters");
        assertError(subscribe("protocol", "http", "endpoint", "ftp://host/x"), 4000, "(10500)");
        assertError(subscribe("protocol", "http", "endpoint", "not a url at all".replace(" ", "")), 4000, "(10500)");
        assertError(subscribe("protocol", "http", "endpoint", "http://h/" + "x".repeat(500)), 4000, "(10500)");
    }

    @Test
    void subscribeErrorsFromTheCore() {
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
        assertError(server.call("Subscribe", "topicName", "t", "subscriptionName", "S", "protocol", "queue", "endpoint", "q"),
                4490, "(10470)subscription is already existed");
        assertError(server.call("Subscribe", "topicName", "nope", "subscriptionName", "s", "protocol", "queue", "endpoint", "q"),
                4440, "(10600)topic is not existed");
        assertError(server.call("Subscribe", "topicName", "t", "subscriptionName", "1bad", "protocol", "queue", "endpoint", "q"),
                4000, "(10580)");
    }

    @Test
    void listSubscriptionByTopicPagesAndSearches() {
        assertOk(server.call("CreateQueue", "queueName", "q2"));
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
        assertOk(server.call("Subscribe", "topicName", "t", "subscriptionName", "sub-two", "protocol", "queue", "endpoint", "q2"));
        assertOk(server.call("Subscribe", "topicName", "t", "subscriptionName", "hook", "protocol", "http", "endpoint", HOOK));

        JsonNode all = server.call("ListSubscriptionByTopic", "topicName", "t");
        assertOk(all);
        assertThat(number(all, "totalCount")).isEqualTo(3);
        JsonNode list = all.get("subscriptionList");
        assertThat(list.size()).isEqualTo(3);
        List<String> rows = new ArrayList<>();
        for (JsonNode s : list) {
            assertThat(string(s, "subscriptionId")).isNotEmpty();
            rows.add(string(s, "subscriptionName") + " " + string(s, "protocol") + " " + string(s, "endpoint"));
        }
        assertThat(rows).containsExactlyInAnyOrder("s queue q", "sub-two queue q2", "hook http " + HOOK);

        JsonNode search = server.call("ListSubscriptionByTopic", "topicName", "t", "searchWord", "SUB");
        assertThat(number(search, "totalCount")).isEqualTo(1);
        assertThat(search.get("subscriptionList").findValuesAsText("subscriptionName")).containsExactly("sub-two");

        JsonNode page = server.call("ListSubscriptionByTopic", "topicName", "t", "offset", "1", "limit", "1");
        assertThat(number(page, "totalCount")).isEqualTo(3);
        assertThat(page.get("subscriptionList").size()).isEqualTo(1);

        assertError(server.call("ListSubscriptionByTopic", "topicName", "t", "offset", "1001"), 4000, "(10350)parameter offset");
        assertError(server.call("ListSubscriptionByTopic", "topicName", "t", "limit", "101"), 4000, "(10350)parameter limit");
        assertError(server.call("ListSubscriptionByTopic", "topicName", "nope"), 4440, "(10600)");
        assertError(server.call("ListSubscriptionByTopic"), 4000, "(10390)lacked of required parameter topicName");
    }

    @Test
    void setSubscriptionAttributesChangesOnlyWhatIsGiven() {
        long created = server.nowSeconds();
        assertOk(subscribe("protocol", "http", "endpoint", HOOK, "filterTag.1", "red"));
        server.clock.advanceSeconds(3);
        assertOk(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s",
                "notifyStrategy", "BACKOFF_RETRY"));
        JsonNode a = attributes("s");
        assertThat(string(a, "notifyStrategy")).isEqualTo("BACKOFF_RETRY");
        assertThat(string(a, "notifyContentFormat")).isEqualTo("JSON");
        assertThat(strings(a, "filterTag")).containsExactly("red");
        assertThat(number(a, "createTime")).isEqualTo(created);
        assertThat(number(a, "lastModifyTime")).isEqualTo(created + 3);

        assertOk(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s",
                "notifyContentFormat", "SIMPLIFIED", "filterTag.1", "green", "filterTag.2", "blue"));
        a = attributes("s");
        assertThat(string(a, "notifyStrategy")).isEqualTo("BACKOFF_RETRY");
        assertThat(string(a, "notifyContentFormat")).isEqualTo("SIMPLIFIED");
        assertThat(strings(a, "filterTag")).containsExactly("green", "blue");
    }

    @Test
    void setSubscriptionAttributesErrors() {
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
        assertError(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s", "notifyStrategy", "x"),
                4000, "(10520)");
        assertError(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s", "notifyContentFormat", "x"),
                4000, "(10530)");
        assertError(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s", "notifyContentFormat", "JSON"),
                4000, "(10640)");
        assertError(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s",
                "filterTag.1", "a", "filterTag.2", "b", "filterTag.3", "c", "filterTag.4", "d", "filterTag.5", "e", "filterTag.6", "f"),
                4000, "(10490)");
        assertError(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "nope"), 4440, "(10600)subscription is not existed, or deleted");
        assertThat(string(attributes("s"), "notifyContentFormat")).isEqualTo("SIMPLIFIED");
    }

    @Test
    void clearSubscriptionFilterTagsAnswersTheSdksSpellingToo() {
        assertOk(subscribe("protocol", "queue", "endpoint", "q", "filterTag.1", "red"));
        assertOk(server.call("ClearSUbscriptionFIlterTags", "topicName", "t", "subscriptionName", "s"));
        assertThat(strings(attributes("s"), "filterTag")).isEmpty();

        assertOk(server.call("SetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s", "filterTag.1", "blue"));
        assertOk(server.call("ClearSubscriptionFilterTags", "topicName", "t", "subscriptionName", "s"));
        assertThat(strings(attributes("s"), "filterTag")).isEmpty();
        assertError(server.call("ClearSubscriptionFilterTags", "topicName", "t", "subscriptionName", "nope"), 4440, "(10600)subscription is not existed, or deleted");
    }

    @Test
    void unsubscribeRemovesTheSubscription() {
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
        assertOk(server.call("Unsubscribe", "topicName", "t", "subscriptionName", "S"));
        assertError(server.call("GetSubscriptionAttributes", "topicName", "t", "subscriptionName", "s"), 4440, "(10600)subscription is not existed, or deleted");
        assertError(server.call("Unsubscribe", "topicName", "t", "subscriptionName", "s"), 4440, "(10600)subscription is not existed, or deleted");
        assertThat(number(server.call("ListSubscriptionByTopic", "topicName", "t"), "totalCount")).isZero();
        assertOk(subscribe("protocol", "queue", "endpoint", "q"));
    }
}
