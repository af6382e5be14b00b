package io.opencmq.protocol.sqs.auth;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.ManualClock;
import io.opencmq.protocol.sqs.SqsException;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SigV4 against AWS's published signing-key example and against requests signed by the AWS
 * SDK's own signer (header and presigned forms), and each way a request is refused.
 */
class SigV4VerifierTest {

    private static final Credentials KEYS = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final long NOW = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
    private final ManualClock clock = new ManualClock(NOW);
    private final SigV4Verifier verifier = new SigV4Verifier(KEYS, clock, 900);

    @Test
    void signingKeyMatchesAwsPublishedExample() {
        // "Examples of how to derive a signing key for Signature Version 4" in the AWS documentation.
        byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
        assertThat(SigV4.hex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void acceptsWhatTheAwsSdkSignerSigns() {
        SqsHttpRequest request = signed("POST", "/000000000000/orders", "Action=SendMessage&MessageBody=hello%20world",
                KEYS, NOW, "ap-southeast-2");

        SignedRequest who = verifier.verify(request);

        assertThat(who.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(who.region()).isEqualTo("ap-southeast-2");
    }

    @Test
    void acceptsQueryStringsAndPathsThatNeedEncoding() {
        SqsHttpRequest request = signedWithQuery("/", List.of(Map.entry("Action", "ListQueues"),
                Map.entry("QueueNamePrefix", "a b+c/é~"), Map.entry("Version", "2012-11-05")));
        assertThat(verifier.verify(request).region()).isEqualTo("us-east-1");
    }

    @Test
    void acceptsPresignedRequestsUntilTheyExpire() {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:8731/"))
                .appendRawQueryParameter("Action", "ListQueues");
        SdkHttpRequest presigned = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEYS.secretId(), KEYS.secretKey()))
                .request(b.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(30))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))).request();
        SqsHttpRequest request = toServerView(presigned, new byte[0]);

        assertThat(verifier.verify(request).region()).isEqualTo("us-west-2");
        clock.advance(Duration.ofMinutes(29).toMillis());
        assertThat(verifier.verify(request).region()).isEqualTo("us-west-2");
        clock.advance(Duration.ofMinutes(2).toMillis());
        assertThat(refusal(request)).isEqualTo("RequestExpired");
    }

    @Test
    void refusesChangedBodiesWrongKeysWrongServiceAndStaleTimes() {
        SqsHttpRequest good = signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1");
        SqsHttpRequest tampered = new SqsHttpRequest(good.method(), good.rawPath(), good.rawQuery(), good.headers(),
                "Action=DeleteQueue".getBytes(StandardCharsets.UTF_8), "test");
        assertThat(refusal(tampered)).isEqualTo("SignatureDoesNotMatch");

        assertThat(refusal(signed("POST", "/", "Action=ListQueues", new Credentials("AKIDother", KEYS.secretKey()), NOW, "us-east-1")))
                .isEqualTo("InvalidClientTokenId");
        assertThat(refusal(signed("POST", "/", "Action=ListQueues", new Credentials(KEYS.secretId(), "other"), NOW, "us-east-1")))
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(refusal(signed("POST", "/", "Action=ListQueues", KEYS, NOW - 16 * 60_000, "us-east-1"))).isEqualTo("RequestExpired");
        assertThat(refusal(signed("POST", "/", "Action=ListQueues", KEYS, NOW + 16 * 60_000, "us-east-1"))).isEqualTo("RequestExpired");
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW - 14 * 60_000, "us-east-1"))).isNotNull();

        Map<String, String> headers = new LinkedHashMap<>(good.headers());
        headers.put("authorization", headers.get("authorization").replace("/sqs/", "/sns/"));
        assertThat(refusal(new SqsHttpRequest("POST", "/", "", headers, good.body(), "test"))).isEqualTo("SignatureDoesNotMatch");
        headers.put("authorization", "AWS AKIDEXAMPLE:c2lnbmF0dXJl");
        assertThat(refusal(new SqsHttpRequest("POST", "/", "", headers, good.body(), "test"))).isEqualTo("IncompleteSignature");
        headers.remove("authorization");
        assertThat(refusal(new SqsHttpRequest("POST", "/", "", headers, good.body(), "test"))).isEqualTo("MissingAuthenticationToken");
    }

    @Test
    void aWrongSecretIsStillRefusedOnceTheRightKeyIsCached() {
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1"))).isNotNull();
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW + 1000, "us-east-1"))).isNotNull();
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);

        Credentials wrongSecret = new Credentials(KEYS.secretId(), KEYS.secretKey() + "x");
        assertThat(refusal(signed("POST", "/", "Action=ListQueues", wrongSecret, NOW, "us-east-1"))).isEqualTo("SignatureDoesNotMatch");
        SqsHttpRequest good = signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1");
        assertThat(refusal(new SqsHttpRequest(good.method(), good.rawPath(), good.rawQuery(), good.headers(),
                "Action=DeleteQueue".getBytes(StandardCharsets.UTF_8), "test"))).isEqualTo("SignatureDoesNotMatch");

        // Requests that do not verify never take a slot, whatever region they name.
        for (int i = 0; i < 40; i++) {
            assertThat(refusal(signed("POST", "/", "Action=ListQueues", wrongSecret, NOW, "forged-" + i))).isEqualTo("SignatureDoesNotMatch");
        }
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);

        // Another region, another day: keys of their own, and the first one still works.
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW, "eu-west-1")).region()).isEqualTo("eu-west-1");
        long nextDay = Instant.parse("2025-03-02T00:05:00Z").toEpochMilli();
        clock.advance(nextDay - NOW);
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, nextDay, "us-east-1"))).isNotNull();
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, nextDay - 10 * 60_000, "us-east-1"))).isNotNull();
        assertThat(refusal(signed("POST", "/", "Action=ListQueues", wrongSecret, nextDay, "us-east-1"))).isEqualTo("SignatureDoesNotMatch");
        assertThat(verifier.cachedSigningKeys()).isEqualTo(3);
    }

    @Test
    void signaturesAreReadInEitherCaseAndRefusedIfNotHex() {
        SqsHttpRequest good = signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1");
        String authorization = good.header("authorization");
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        assertThat(verifier.verify(withAuthorization(good, authorization.replace(signature, signature.toUpperCase(Locale.ROOT)))))
                .isNotNull();
        for (String bad : new String[] {signature.substring(1), signature + "0", signature.substring(0, 63) + "g",
                "\u0661".repeat(64), signature.substring(0, 62)}) {
            assertThat(refusal(withAuthorization(good, authorization.replace(signature, bad)))).as(bad).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        SqsHttpRequest good = signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1");
        String authorization = good.header("authorization");
        String fields = authorization.substring(SigV4.ALGORITHM.length() + 1);
        // Spaces around the parts and trailing commas are tolerated, as before.
        assertThat(verifier.verify(withAuthorization(good, SigV4.ALGORITHM + "  " + fields.replace(", ", " ,  ") + ",,"))).isNotNull();
        assertThat(verifier.verify(withAuthorization(good, SigV4.ALGORITHM + " Other=1, " + fields))).isNotNull();
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " "))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " ,,,"))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " " + fields + ", "))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " " + fields.replace(", ", ",,")))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " =x, " + fields))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, SigV4.ALGORITHM + " " + fields.replaceAll("Signature=[0-9a-f]+", "Signature="))))
                .isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, authorization.replace("AKIDEXAMPLE/", "AKIDEXAMPLE//")))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, authorization.replace("Credential=AKIDEXAMPLE", "Credential=")))).isEqualTo("IncompleteSignature");
        assertThat(refusal(withAuthorization(good, authorization.replace("AKIDEXAMPLE/", "AKIDEXAMPL/")))).isEqualTo("InvalidClientTokenId");
        assertThat(refusal(withAuthorization(good, authorization.replace("/aws4_request", "/aws4_requests")))).isEqualTo("SignatureDoesNotMatch");
        assertThat(refusal(withAuthorization(good, authorization.replace("/us-east-1/", "//")))).isEqualTo("SignatureDoesNotMatch");
        assertThat(refusal(withAuthorization(good, authorization.replace("/20250301/", "/2025030/")))).isEqualTo("SignatureDoesNotMatch");
        assertThat(refusal(withAuthorization(good, authorization.replace("SignedHeaders=", "SignedHeaders=x-amz-date;"))))
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void malformedDatesAreRefusedAsBefore() {
        SqsHttpRequest good = signed("POST", "/", "Action=ListQueues", KEYS, NOW, "us-east-1");
        for (String bad : new String[] {"20250301T120000", "20250301t120000Z", "20250301T120000z", "20250301T126000Z",
                "20250301T120060Z", "20250301T1200:0Z", "20250301T120000Z0", "20250301 120000Z", "20251301T120000Z",
                "20250300T120000Z", "20250332T120000Z", "2025030xT120000Z", "20250301T1200000Z"}) {
            Map<String, String> headers = new LinkedHashMap<>(good.headers());
            headers.put("x-amz-date", bad);
            headers.put("authorization", headers.get("authorization").replace("/20250301/", "/" + bad.substring(0, 8) + "/"));
            SqsException e = catchThrowableOfType(SqsException.class,
                    () -> verifier.verify(new SqsHttpRequest("POST", "/", "", headers, good.body(), "test")));
            assertThat(e.error().code()).as(bad).isEqualTo("IncompleteSignature");
            assertThat(e.error().message()).as(bad).isEqualTo("X-Amz-Date must have the form yyyyMMdd'T'HHmmss'Z': " + bad);
        }
    }

    @Test
    void staleAndFutureTimesAreRefusedWithTheSameMessagesAsBefore() {
        SqsException old = catchThrowableOfType(SqsException.class,
                () -> verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW - 15 * 60_000 - 1000, "us-east-1")));
        assertThat(old.error().message()).isEqualTo("Signature expired: 20250301T114459Z is now earlier than 20250301T114500Z "
                + "(20250301T120000Z - 15 min.)");
        SqsException early = catchThrowableOfType(SqsException.class,
                () -> verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW + 15 * 60_000 + 1000, "us-east-1")));
        assertThat(early.error().message()).isEqualTo("Signature not yet current: 20250301T121501Z is still later than "
                + "20250301T121500Z (20250301T120000Z + 15 min.)");
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW - 15 * 60_000, "us-east-1"))).isNotNull();
        assertThat(verifier.verify(signed("POST", "/", "Action=ListQueues", KEYS, NOW + 15 * 60_000, "us-east-1"))).isNotNull();
    }

    @Test
    void canonicalPiecesFollowTheSpecification() {
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/a%20b/c")).isEqualTo("/a%2520b/c");
        assertThat(SigV4Verifier.trimAll("  a   b \t c  ")).isEqualTo("a b c");
        assertThat(SigV4Verifier.canonicalQuery(SigV4Verifier.parseQuery("b=2&a=%7e&a=1&c=x%20y"), false))
                .isEqualTo("a=1&a=~&b=2&c=x%20y");
    }

    private String refusal(SqsHttpRequest request) {
        return catchThrowableOfType(SqsException.class, () -> verifier.verify(request)).error().code();
    }

    private static SqsHttpRequest withAuthorization(SqsHttpRequest request, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("authorization", authorization);
        return new SqsHttpRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body(), "test");
    }

    private static SqsHttpRequest signed(String method, String path, String form, Credentials keys, long at, String region) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://127.0.0.1:8731" + path))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keys.secretId(), keys.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.ofEpochMilli(at), ZoneOffset.UTC))).request();
        return toServerView(signed, body);
    }

    private static SqsHttpRequest signedWithQuery(String path, List<Map.Entry<String, String>> params) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:8731" + path));
        params.forEach(p -> b.appendRawQueryParameter(p.getKey(), p.getValue()));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEYS.secretId(), KEYS.secretKey()))
                .request(b.build())
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))).request();
        return toServerView(signed, new byte[0]);
    }

    /** What the server sees: the raw path and query as sent, headers lower-cased. */
    private static SqsHttpRequest toServerView(SdkHttpRequest signed, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        headers.putIfAbsent("host", "127.0.0.1:8731");
        URI uri = signed.getUri();
        return new SqsHttpRequest(signed.method().name(), uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                headers, body, "test");
    }
}
