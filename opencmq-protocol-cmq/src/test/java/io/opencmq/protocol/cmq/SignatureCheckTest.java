package io.opencmq.protocol.cmq;

import com.fasterxml.jackson.databind.JsonNode;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.engine.BrokerOptions;
import io.opencmq.core.engine.Broker;
import io.opencmq.core.store.MemoryMessageStore;
import io.opencmq.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.opencmq.protocol.cmq.CmqTestServer.await;
import static io.opencmq.protocol.cmq.CmqTestServer.parse;
import static io.opencmq.protocol.cmq.JsonAssertions.assertError;
import static io.opencmq.protocol.cmq.JsonAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/** Signature, timestamp and replay checks, driven through {@link CmqApi#handle}. */
class SignatureCheckTest {
    private CmqTestServer server = new CmqTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    private JsonNode handle(CmqHttpRequest request) {
        return await(server.api.handle(request));
    }

    @Test
    void hmacSha1OverPostIsAccepted() {
        assertOk(handle(server.requests.request("ListQueue", server.nowSeconds())));
    }

    @Test
    void hmacSha256IsAccepted() {
        assertOk(handle(server.requests.sha256().request("ListQueue", server.nowSeconds())));
    }

    @Test
    void getWithTheQueryStringIsAccepted() {
        assertOk(handle(server.requests.get().request("ListQueue", server.nowSeconds(), "searchWord", "a b&c")));
    }

    @Test
    void aGetSignatureDoesNotAuthenticateAPost() {
        CmqHttpRequest get = server.requests.get().request("ListQueue", server.nowSeconds());
        CmqHttpRequest asPost = new CmqHttpRequest("POST", get.host(), get.path(), null,
                get.rawQuery().getBytes(StandardCharsets.US_ASCII), get.remoteAddress());
        assertError(handle(asPost), 4100, "(10030)authentication failed");
    }

    @Test
    void aSignatureForAnotherHostIsRefused() {
        JsonNode body = handle(server.requests.signedFor("cmq.example.com").request("ListQueue", server.nowSeconds()));
        assertError(body, 4100, "(10030)authentication failed: Signature does not match");
    }

    @Test
    void theConfiguredPublicHostIsAccepted() {
        server.close();
        server = new CmqTestServer(BrokerOptions.defaults(), new CmqApiOptions(true, 300, 1000, "cmq.example.com"));
        assertOk(handle(server.requests.signedFor("cmq.example.com").request("ListQueue", server.nowSeconds())));
        assertOk(handle(server.requests.signedFor(SignedRequests.HOST).request("ListQueue", server.nowSeconds())));
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        long now = server.nowSeconds();
        assertError(handle(server.requests.request("ListQueue", now - 301)), 4100,
                "(10030)authentication failed: Timestamp " + (now - 301) + " is more than 300 s away from the server time " + now);
        assertError(handle(server.requests.request("ListQueue", now + 301)), 4100, "(10030)authentication failed: Timestamp");
        assertOk(handle(server.requests.request("ListQueue", now - 300)));
        assertOk(handle(server.requests.request("ListQueue", now + 300)));
        assertError(handle(server.requests.request("ListQueue", now, "Timestamp", "soon")), 4000, "(10360)parameter Timestamp error type");
    }

    @Test
    void aReplayedRequestIsRefused() {
        CmqHttpRequest request = server.requests.request("ListQueue", server.nowSeconds());
        assertOk(handle(request));
        assertError(handle(request), 4100, "(10030)authentication failed: this request was already received");
        server.clock.advanceSeconds(200);
        assertError(handle(request), 4100, "(10030)authentication failed: this request was already received");
        server.clock.advanceSeconds(101);
        assertError(handle(request), 4100, "(10030)authentication failed: Timestamp");
    }

    @Test
    void aFullReplayCacheShrinksTheWindowInsteadOfForgetting() {
        server.close();
        server = new CmqTestServer(BrokerOptions.defaults(), new CmqApiOptions(true, 300, 2, null));
        long now = server.nowSeconds();
        CmqHttpRequest old = server.requests.request("ListQueue", now - 100);
        assertOk(handle(old));
        assertOk(handle(server.requests.request("ListQueue", now - 50)));
        assertOk(handle(server.requests.request("ListQueue", now)));
        // The bucket of now-100 was evicted: its request must not become replayable...
        assertError(handle(old), 4100, "(10030)authentication failed: Timestamp " + (now - 100)
                + " is older than the server can currently check for replays");
        // ...and nothing else stamped that early gets in either, while current requests do.
        assertError(handle(server.requests.request("ListQueue", now - 100)), 4100, "(10030)");
        assertOk(handle(server.requests.request("ListQueue", now)));
    }

    @Test
    void concurrentRequestsAreEachAcceptedOnceAndReplaysRefused() throws Exception {
        int threads = 4;
        int perThread = 500;
        List<CmqHttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            requests.add(server.requests.request("ListQueue", server.nowSeconds()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    // Every thread sends every request: each must be accepted exactly once overall.
                    for (CmqHttpRequest r : requests) {
                        int code = handle(r).get("code").intValue();
                        (code == 0 ? accepted : refused).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(accepted.get()).isEqualTo(requests.size());
            assertThat(refused.get()).isEqualTo(requests.size() * (threads - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownSecretIdIsRefused() {
        SignedRequests stranger = new SignedRequests(new Credentials("AKIDstranger", CmqTestServer.CREDENTIALS.secretKey()));
        assertError(handle(stranger.request("ListQueue", server.nowSeconds())), 4100, "(10270)secret id is not existed");
    }

    @Test
    void aWrongSecretKeyIsRefused() {
        SignedRequests wrongKey = new SignedRequests(new Credentials(CmqTestServer.CREDENTIALS.secretId(), "another-key"));
        assertError(handle(wrongKey.request("ListQueue", server.nowSeconds())), 4100, "(10030)authentication failed");
    }

    @Test
    void missingOrMalformedSignatureParametersAreRefused() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "ListQueue");
        p.put("SecretId", CmqTestServer.CREDENTIALS.secretId());
        p.put("Nonce", "1");
        p.put("Timestamp", Long.toString(server.nowSeconds()));
        assertError(handle(SignedRequests.encode("POST", p, SignedRequests.HOST)), 4000, "(10390)lacked of required parameter Signature");
        p.put("Signature", "not base64 !");
        assertError(handle(SignedRequests.encode("POST", p, SignedRequests.HOST)), 4100, "(10030)authentication failed: Signature is not Base64");
        p.remove("SecretId");
        assertError(handle(SignedRequests.encode("POST", p, SignedRequests.HOST)), 4000, "(10390)lacked of required parameter SecretId");
    }

    @Test
    void theDocumentedTestVectorAuthenticatesThroughTheApi() {
        ManualClock clock = new ManualClock(1534154812_000L);
        Credentials doc = new Credentials("AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT", "pPgfLipfEXZ7VcRzhAMIyPaU7UbQyFFx");
        try (Broker broker = Broker.open(new MemoryMessageStore(), clock, clock, BrokerOptions.defaults())) {
            CmqApi api = new CmqApi(broker, broker, doc, CmqApiOptions.defaults(), clock);
            String body = "Action=SendMessage&Nonce=2889712707386595659&RequestClient=SDK_Python_1.3"
                    + "&SecretId=AKIDPcYDclDJCn8D0Xypa4f3pKYUCVYLn3zT&SignatureMethod=HmacSHA1&Timestamp=1534154812"
                    + "&clientRequestId=1231231231&delaySeconds=0&msgBody=msg&queueName=test1"
                    + "&Signature=C16WEtEXsD5v5tnaUMLAbZewXhI%3D";
            JsonNode answer = await(api.handle(new CmqHttpRequest("POST", "cmq-queue-gz.api.tencentyun.com", "/v2/index.php",
                    null, body.getBytes(StandardCharsets.US_ASCII), "1.2.3.4:5")));
            // Authenticated, so the request reached the queue lookup.
            assertError(answer, 4440, "(10100)queue is not existed");
        }
    }

    @Test
    void withVerificationOffUnsignedRequestsAreServed() {
        server.close();
        server = new CmqTestServer(BrokerOptions.defaults(), new CmqApiOptions(false, 300, 10, null));
        JsonNode body = parse(server.api.handle(new CmqHttpRequest("GET", "h", "/v2/index.php", "Action=ListQueue", new byte[0], "x")).join());
        assertOk(body);
        assertThat(body.get("totalCount").intValue()).isZero();
    }
}
