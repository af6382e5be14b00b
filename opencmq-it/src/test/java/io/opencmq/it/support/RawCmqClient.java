package io.opencmq.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opencmq.core.auth.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately small CMQ client over {@link HttpClient} for what the official SDK hides or lacks:
 * actions it does not offer (ClearQueue, dead-letter actions), exact JSON types, and requests that
 * are wrong on purpose (bad signature, stale timestamp, replay, oversized body). Every request is
 * signed by {@link CmqSigner}, never by server code.
 *
 * <p>Thread-safe: the underlying HttpClient is shared, requests are immutable values.
 */
public final class RawCmqClient {

    public static final String PATH = "/v2/index.php";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String host;
    private final Credentials credentials;
    private final HttpClient http;

    public RawCmqClient(String endpoint, Credentials credentials) {
        this.endpoint = URI.create(endpoint);
        this.host = this.endpoint.getHost() + ":" + this.endpoint.getPort();
        this.credentials = credentials;
        // HTTP/1.1 only: the CMQ API is plain HTTP/1.1 and an h2c upgrade attempt would only add noise.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs and POSTs {@code action} with HmacSHA1, the SDK's defaults. */
    public Reply call(String action, Map<String, String> params) {
        return send(request(action).params(params).build());
    }

    /** Same as {@link #call(String, Map)} with parameters given as key, value, key, value, ... */
    public Reply call(String action, String... keyValues) {
        return call(action, pairs(keyValues));
    }

    public Builder request(String action) {
        return new Builder(action);
    }

    public Reply send(SignedRequest request) {
        HttpRequest.Builder http = HttpRequest.newBuilder().timeout(Duration.ofSeconds(45));
        String encoded = formEncode(request.params());
        if (request.httpMethod().equals("GET")) {
            http.uri(endpoint.resolve(PATH + "?" + encoded)).GET();
        } else {
            http.uri(endpoint.resolve(PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded));
        }
        return exchange(http.build());
    }

    /** POSTs an arbitrary body to the API path, for requests no well-behaved client would send. */
    public Reply postRaw(byte[] body) {
        return exchange(HttpRequest.newBuilder(endpoint.resolve(PATH))
                .timeout(Duration.ofSeconds(45))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** Sends a signed request's parameters as a form body with another HTTP method (e.g. PUT). */
    public Reply sendWithMethod(String httpMethod, SignedRequest request) {
        return exchange(HttpRequest.newBuilder(endpoint.resolve(PATH))
                .timeout(Duration.ofSeconds(45))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(httpMethod, HttpRequest.BodyPublishers.ofString(formEncode(request.params())))
                .build());
    }

    /** Plain GET of a path such as {@code /health}; returns the HTTP status. */
    public int getStatus(String path) {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Reply.parse(response.statusCode(), response.body(), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> pairs(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of key/value strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String formEncode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** A fully signed request: every parameter that goes on the wire, Signature included. Can be sent twice. */
    public record SignedRequest(String httpMethod, Map<String, String> params) {
    }

    /** Builds a request with fresh Timestamp and Nonce unless told otherwise; each knob exists for one negative test. */
    public final class Builder {
        private final String action;
        private final Map<String, String> params = new LinkedHashMap<>();
        private String httpMethod = "POST";
        private CmqSigner.Algorithm algorithm = CmqSigner.Algorithm.SHA1;
        private long timestampSeconds = System.currentTimeMillis() / 1000;
        private long nonce = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        private String secretKey = credentials.secretKey();
        private String secretId = credentials.secretId();

        private Builder(String action) {
            this.action = action;
        }

        public Builder params(Map<String, String> more) {
            params.putAll(more);
            return this;
        }

        public Builder param(String key, String value) {
            params.put(key, value);
            return this;
        }

        public Builder get() {
            httpMethod = "GET";
            return this;
        }

        public Builder algorithm(CmqSigner.Algorithm a) {
            algorithm = a;
            return this;
        }

        public Builder timestampSeconds(long seconds) {
            timestampSeconds = seconds;
            return this;
        }

        public Builder nonce(long n) {
            nonce = n;
            return this;
        }

        public Builder secretKey(String key) {
            secretKey = key;
            return this;
        }

        public Builder secretId(String id) {
            secretId = id;
            return this;
        }

        public SignedRequest build() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Action", action);
            all.put("Nonce", Long.toString(nonce));
            all.put("SecretId", secretId);
            all.put("SignatureMethod", algorithm.wireName());
            all.put("Timestamp", Long.toString(timestampSeconds));
            all.put("RequestClient", "opencmq-it");
            all.putAll(params);
            String toSign = CmqSigner.stringToSign(httpMethod, host, PATH, all);
            all.put("Signature", CmqSigner.sign(toSign, secretKey, algorithm));
            return new SignedRequest(httpMethod, Map.copyOf(all));
        }
    }
}
