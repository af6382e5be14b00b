package io.opencmq.server.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqApiOptions;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsApiOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing decisions, on a real CMQ API over the in-memory store. */
class RequestRouterTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Broker broker = Broker.open(new MemoryMessageStore(), clock, clock, BrokerOptions.defaults());
    private final CmqApi api = new CmqApi(broker, broker, new Credentials("AKIDrouter", "routerKey"), CmqApiOptions.defaults(), clock);
    private final ServerStatus status = new ServerStatus();
    private final SqsApi sqs = new SqsApi(broker, new Credentials("AKIDrouter", "routerKey"), SqsApiOptions.defaults(), clock);
    private final RequestRouter router = new RequestRouter(api, sqs, status);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private HttpAnswer route(HttpMethod method, String uri) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        return router.route(request, "127.0.0.1").join();
    }

    private static String body(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void healthFollowsTheServerStatus() {
        assertThat(route(HttpMethod.GET, "/health").status()).as("not up yet").isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);

        status.markUp();
        HttpAnswer up = route(HttpMethod.GET, "/health");
        assertThat(up.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(body(up)).isEqualTo("{\"status\":\"UP\"}");

        status.markShuttingDown();
        assertThat(route(HttpMethod.GET, "/health").status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void cmqPathGoesToTheCmqApiWhateverTheOutcome() {
        HttpAnswer unsigned = route(HttpMethod.GET, "/v2/index.php?Action=ListQueue");

        assertThat(unsigned.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(body(unsigned)).contains("\"code\":4000", "SecretId");
    }

    @Test
    void oversizedRequestsGetTheCmqErrorOnlyOnTheCmqPath() {
        HttpAnswer cmq = router.oversized(new OversizedRequest("POST", "/v2/index.php", null));
        HttpAnswer other = router.oversized(new OversizedRequest("POST", "/upload", null));

        assertThat(cmq.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(body(cmq)).contains("\"code\":4000");
        assertThat(other.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void sqsJsonRequestsAreRecognizedByTheirTargetHeaderOnAnyPath() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        request.headers().set("X-Amz-Target", "AmazonSQS.ListQueues");

        HttpAnswer answer = router.route(request, "127.0.0.1").join();

        assertThat(answer.status()).as("unsigned").isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(answer.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(answer.headers()).containsEntry("x-amzn-query-error", "MissingAuthenticationToken;Sender");
        assertThat(body(answer)).contains("\"__type\":\"com.amazonaws.sqs#MissingAuthenticationToken\"");
    }

    @Test
    void sqsQueryRequestsNeedAnActionOnTheRootOrAQueuePath() {
        HttpAnswer root = post("/", "Action=ListQueues&Version=2012-11-05");
        HttpAnswer queuePath = post("/000000000000/orders", "Action=GetQueueAttributes");
        HttpAnswer noAction = post("/", "Version=2012-11-05");
        HttpAnswer otherPath = post("/a/b/c", "Action=ListQueues");

        assertThat(root.contentType()).isEqualTo("text/xml");
        assertThat(body(root)).contains("<Code>MissingAuthenticationToken</Code>");
        assertThat(body(queuePath)).contains("<ErrorResponse");
        assertThat(noAction.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(otherPath.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(route(HttpMethod.GET, "/?Action=ListQueues").contentType()).isEqualTo("text/xml");
    }

    @Test
    void oversizedSqsRequestsGetAnSqsError() {
        HttpAnswer json = router.oversized(new OversizedRequest("POST", "/", "AmazonSQS.SendMessage"));
        HttpAnswer query = router.oversized(new OversizedRequest("POST", "/000000000000/orders", null));

        assertThat(json.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(body(json)).contains("RequestEntityTooLarge");
        assertThat(query.contentType()).isEqualTo("text/xml");
        assertThat(body(query)).contains("<Code>RequestEntityTooLarge</Code>");

        // An oversized JSON batch gets what SQS answers for a batch over its limit.
        HttpAnswer batch = router.oversized(new OversizedRequest("POST", "/", "AmazonSQS.SendMessageBatch"));
        assertThat(batch.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(body(batch)).contains("BatchRequestTooLong");
    }

    @Test
    void signedRequestsWithoutAnActionGetMissingActionAndOtherJsonTargetsUnknownOperation() {
        SqsApi unverified = new SqsApi(broker, new Credentials("AKIDrouter", "routerKey"),
                SqsApiOptions.defaults().withVerifySignatures(false), clock);
        RequestRouter lenient = new RequestRouter(api, unverified, status);
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIDrouter/20231114/us-east-1/sqs/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00";

        for (String path : new String[] {"/", "/000000000000/orders"}) {
            FullHttpRequest noAction = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.copiedBuffer("Version=2012-11-05", StandardCharsets.UTF_8));
            noAction.headers().set("Authorization", authorization);
            HttpAnswer answer = lenient.route(noAction, "127.0.0.1").join();
            assertThat(answer.status()).as(path).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            assertThat(answer.contentType()).isEqualTo("text/xml");
            assertThat(body(answer)).contains("<Code>MissingAction</Code>");
        }
        // Through the verifying API the same request is an SQS error too (its signature is checked first).
        FullHttpRequest verified = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer("Version=2012-11-05", StandardCharsets.UTF_8));
        verified.headers().set("Authorization", authorization);
        assertThat(router.route(verified, "127.0.0.1").join().contentType()).isEqualTo("text/xml");

        FullHttpRequest dynamo = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        dynamo.headers().set("X-Amz-Target", "DynamoDB_20120810.ListTables");
        dynamo.headers().set("Content-Type", "application/x-amz-json-1.0");
        HttpAnswer unknown = lenient.route(dynamo, "127.0.0.1").join();
        assertThat(unknown.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(unknown.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(body(unknown)).contains("UnknownOperationException");

        // Signed or not, the CMQ path and the probe keep their meaning; unsigned strangers keep the 404.
        FullHttpRequest health = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
        health.headers().set("Authorization", authorization);
        assertThat(body(lenient.route(health, "127.0.0.1").join())).contains("status");
        FullHttpRequest cmq = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v2/index.php?Action=ListQueue");
        cmq.headers().set("Authorization", authorization);
        assertThat(body(lenient.route(cmq, "127.0.0.1").join())).contains("\"code\":4000");
        FullHttpRequest elsewhere = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/a/b/c",
                Unpooled.copiedBuffer("Version=1", StandardCharsets.UTF_8));
        elsewhere.headers().set("Authorization", authorization);
        assertThat(lenient.route(elsewhere, "127.0.0.1").join().status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        HttpAnswer unsignedGet = lenient.route(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"), "127.0.0.1").join();
        assertThat(unsignedGet.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    }

    private HttpAnswer post(String uri, String form) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(form, StandardCharsets.UTF_8));
        return router.route(request, "127.0.0.1").join();
    }

    @Test
    void undecodableRequestsGetTheMatchingStatus() {
        assertThat(RequestRouter.undecodable(new TooLongHttpHeaderException("big")).status())
                .isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThat(RequestRouter.undecodable(new TooLongHttpLineException("long")).status())
                .isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        assertThat(RequestRouter.undecodable(new IllegalArgumentException("bad")).status())
                .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }

    @Test
    void requestTargetsAreSplitIntoPathAndRawQuery() {
        assertThat(RequestRouter.path("/v2/index.php?Action=X&b=%20")).isEqualTo("/v2/index.php");
        assertThat(RequestRouter.rawQuery("/v2/index.php?Action=X&b=%20")).isEqualTo("Action=X&b=%20");
        assertThat(RequestRouter.path("/health")).isEqualTo("/health");
        assertThat(RequestRouter.rawQuery("/health")).isEmpty();
        assertThat(RequestRouter.path("http://example.com:8731/v2/index.php?a=1")).isEqualTo("/v2/index.php");
        assertThat(RequestRouter.path("/v2/index.php?next=http://x/y")).isEqualTo("/v2/index.php");
        assertThat(RequestRouter.rawQuery("/v2/index.php?a=1#frag")).isEqualTo("a=1");
    }
}
