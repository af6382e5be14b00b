package io.opencmq.protocol.cmq;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqActionRegistry;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.request.CmqParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.opencmq.protocol.cmq.CmqTestServer.await;
import static io.opencmq.protocol.cmq.CmqTestServer.parse;
import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/** Dispatch and the never-throwing contract of {@link CmqApi}. */
class CmqApiTest {
    private final CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void refusalsBeforeParsingHaveTheirOwnBodies() {
        assertError(parse(server.api.methodNotAllowed("PUT")), 4000, "(10410)unexpected http PUT only GET or POST is supported");
        assertError(parse(server.api.requestTooLarge()), 4000, "(10420)cannot parse request, or request size is more than the limit");
        JsonNode viaHandle = await(server.api.handle(new CmqHttpRequest("DELETE", "h", "/v2/index.php", null, new byte[0], "x")));
        assertError(viaHandle, 4000, "(10410)unexpected http DELETE");
    }

    @Test
    void evenANullRequestGetsAnErrorBody() {
        assertError(await(server.api.handle(null)), 6000, "(10050)server internal error");
    }

    @Test
    void unknownActionsAreNamedInTheError() {
        assertError(server.call("QueryQueueRoute", "queueName", "q"), 4000, "(10430)action name QueryQueueRoute is not existed");
    }

    @Test
    void actionNamesMatchCaseInsensitively() {
        assertOk(server.call("listqueue"));
        assertOk(server.call("LISTQUEUE"));
        assertOk(server.call("ListQueue"));
    }

    @Test
    void everyQueueAndTopicActionIsServed() {
        List<String> names = List.of("CreateQueue", "DeleteQueue", "ListQueue", "GetQueueAttributes", "SetQueueAttributes",
                "RewindQueue", "ClearQueue", "SendMessage", "BatchSendMessage", "ReceiveMessage", "BatchReceiveMessage",
                "DeleteMessage", "BatchDeleteMessage", "ListDeadLetterSourceQueues", "UnbindDeadLetterQueue",
                "CreateTopic", "SetTopicAttributes", "ListTopic", "GetTopicAttributes", "DeleteTopic", "PublishMessage",
                "BatchPublishMessage", "Subscribe", "Unsubscribe", "ListSubscriptionByTopic", "GetSubscriptionAttributes",
                "SetSubscriptionAttributes", "ClearSubscriptionFilterTags", "ClearSUbscriptionFIlterTags");
        for (String name : names) {
            JsonNode body = server.call(name);
            assertThat(body.get("message").textValue()).as(name).doesNotContain("(10430)");
        }
    }

    @Test
    void aMissingActionIsAMissingParameter() {
        JsonNode body = await(server.api.handle(new CmqHttpRequest("POST", "h", "/v2/index.php", null,
                "queueName=q".getBytes(StandardCharsets.US_ASCII), "x")));
        assertError(body, 4000, "(10390)lacked of required parameter Action");
    }

    @Test
    void aMalformedBodyIsAnErrorBodyNotAnException() {
        JsonNode body = await(server.api.handle(new CmqHttpRequest("POST", "h", "/v2/index.php", null,
                "Action=ListQueue&x=%E4%BD".getBytes(StandardCharsets.US_ASCII), "x")));
        assertError(body, 4000, "(10420)cannot parse request body");
    }

    @Test
    void everyResponseHasItsOwnRequestId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(server.call("ListQueue").get("requestId").textValue());
            ids.add(parse(server.api.requestTooLarge()).get("requestId").textValue());
        }
        assertThat(ids).hasSize(400);
    }

    @Test
    void unexpectedFailuresOfAnActionAre6000() {
        CmqAction throwing = new CmqAction() {
            public String name() {
                return "Throwing";
            }

            public CompletableFuture<CmqReply> handle(CmqParams params) {
                throw new IllegalStateException("bug");
            }
        };
        CmqAction failing = new CmqAction() {
            public String name() {
                return "Failing";
            }

            public CompletableFuture<CmqReply> handle(CmqParams params) {
                return CompletableFuture.failedFuture(new ArithmeticException("bug"));
            }
        };
        CmqAction badFields = new CmqAction() {
            public String name() {
                return "BadFields";
            }

            public CompletableFuture<CmqReply> handle(CmqParams params) {
                return CmqReply.done(g -> {
                    throw new IllegalArgumentException("bug");
                });
            }
        };
        CmqApi api = new CmqApi(new CmqActionRegistry(List.of(throwing, failing, badFields)), null,
                new CmqApiOptions(false, 300, 10, null), new ManualClock(0));
        for (String action : List.of("Throwing", "Failing", "BadFields")) {
            JsonNode body = await(api.handle(new CmqHttpRequest("GET", "h", "/v2/index.php", "Action=" + action, new byte[0], "x")));
            assertError(body, 6000, "(10050)server internal error");
            assertThat(body.get("message").textValue()).doesNotContain("bug");
        }
    }

    @Test
    void nonAsciiTextIsEscapedSoTheBodyIsPureAscii() {
        JsonNode created = server.call("CreateQueue", "queueName", "q");
        assertOk(created);
        server.call("SendMessage", "queueName", "q", "msgBody", "你好 😀");
        byte[] raw = server.send("ReceiveMessage", "queueName", "q").join();
        for (byte b : raw) {
            assertThat(b).isNotNegative();
        }
        assertThat(parse(raw).get("msgBody").textValue()).isEqualTo("你好 😀");
    }
}
