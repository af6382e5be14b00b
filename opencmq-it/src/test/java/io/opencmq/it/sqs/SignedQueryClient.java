package io.opencmq.it.sqs;

import io.opencmq.core.auth.Credentials;
import org.w3c.dom.Document;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Raw query-protocol requests, as older SDKs and tools send them: a form POST (or a GET with
 * the parameters in the URL) signed with SigV4 by the AWS SDK's own signer, sent with the JDK
 * HTTP client; the XML answer is parsed with the JDK's DOM and read with XPath.
 */
final class SignedQueryClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final Credentials credentials;

    SignedQueryClient(String endpoint, Credentials credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** The answer: status, body, and the body parsed as XML. */
    record Answer(int status, String body, Document xml) {
        String text(String xpath) {
            try {
                return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, xml, XPathConstants.STRING);
            } catch (Exception e) {
                throw new AssertionError("bad xpath " + xpath, e);
            }
        }

        int count(String xpath) {
            try {
                return ((Number) XPathFactory.newInstance().newXPath().evaluate("count(" + xpath + ")", xml, XPathConstants.NUMBER)).intValue();
            } catch (Exception e) {
                throw new AssertionError("bad xpath " + xpath, e);
            }
        }
    }

    /** A signed form POST of {@code params} (in order) to {@code path}. */
    Answer post(String path, List<Map.Entry<String, String>> params) {
        return post(path, params, Clock.systemUTC(), credentials);
    }

    Answer post(String path, List<Map.Entry<String, String>> params, Clock signingClock, Credentials signWith) {
        byte[] body = form(params).getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint + path))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(signWith.secretId(), signWith.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock)).request();
        return send(signed, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A presigned GET: the parameters and the signature in the query string. */
    Answer presignedGet(List<Map.Entry<String, String>> params) {
        return send(presign(params), HttpRequest.BodyPublishers.noBody());
    }

    /** The URI of a presigned GET of {@code params}, for a client of the test's own (a raw socket). */
    URI presignedUri(List<Map.Entry<String, String>> params) {
        return presign(params).getUri();
    }

    private SdkHttpRequest presign(List<Map.Entry<String, String>> params) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(endpoint + "/"));
        params.forEach(p -> builder.appendRawQueryParameter(p.getKey(), p.getValue()));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(credentials.secretId(), credentials.secretKey()))
                .request(builder.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))).request();
        return signed;
    }

    private Answer send(SdkHttpRequest signed, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30))
                .method(signed.method().name(), body);
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        try {
            HttpResponse<String> response = http.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            return new Answer(response.statusCode(), response.body(), xml);
        } catch (Exception e) {
            throw new AssertionError("query request failed", e);
        }
    }

    private static String form(List<Map.Entry<String, String>> params) {
        StringJoiner joiner = new StringJoiner("&");
        for (Map.Entry<String, String> p : params) {
            joiner.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return joiner.toString();
    }
}
