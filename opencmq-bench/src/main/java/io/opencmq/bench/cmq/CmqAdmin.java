package io.opencmq.bench.cmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The slow path: one signed CMQ call at a time over the JDK HTTP client, for setting up and
 * inspecting queues before and after a load run (create, purge, attributes). Never used while
 * load is measured. Thread-safe (a new signer per call).
 */
public final class CmqAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MILLIS = 500;

    private final URI uri;
    private final String host;
    private final String secretId;
    private final String secretKey;
    private final CmqSigner.SignatureMethod method;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public CmqAdmin(Endpoint endpoint, String secretId, String secretKey, CmqSigner.SignatureMethod method) {
        this.uri = URI.create("http://" + endpoint.hostHeader() + CmqSigner.PATH);
        this.host = endpoint.hostHeader();
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.method = method;
    }

    /**
     * Calls {@code action} and returns the parsed response (any code). A connection refused
     * or closed early is retried a few times: right after a run with thousands of connections
     * the server may still be at its connection cap while the old ones close.
     */
    public JsonNode call(String action, Map<String, String> actionParams) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return callOnce(action, actionParams);
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
            }
        }
    }

    private JsonNode callOnce(String action, Map<String, String> actionParams) throws IOException, InterruptedException {
        TreeMap<String, String> params = new TreeMap<>(actionParams);
        params.put("Action", action);
        params.put("Nonce", Long.toString(Nonces.next()));
        params.put("SecretId", secretId);
        params.put("SignatureMethod", method.name());
        params.put("Timestamp", Long.toString(System.currentTimeMillis() / 1000));
        String signature = new CmqSigner(secretKey, method).sign(CmqSigner.canonical("POST", host, params));
        StringJoiner form = new StringJoiner("&");
        params.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        form.add("Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Calls {@code action} and fails unless the code is 0 or one of {@code acceptedCodes}. */
    public JsonNode require(String action, Map<String, String> params, int... acceptedCodes) throws IOException, InterruptedException {
        JsonNode r = call(action, params);
        int code = r.path("code").asInt(-1);
        if (code == 0) {
            return r;
        }
        for (int accepted : acceptedCodes) {
            if (code == accepted) {
                return r;
            }
        }
        throw new IOException(action + " " + params + " failed: " + r);
    }
}
