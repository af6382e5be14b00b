package io.opencmq.protocol.cmq;

import io.opencmq.core.auth.Credentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds requests the way the official Java SDK 1.0.7 does (written independently of the
 * production verifier, so that the two check each other): common parameters added, a TreeMap
 * of raw values signed with '_' in names replaced by '.', then form-encoded with
 * URLEncoder into the body (POST) or the query (GET).
 */
public final class SignedRequests {
    public static final String HOST = "127.0.0.1:18731";
    public static final String PATH = "/v2/index.php";

    private final Credentials credentials;
    private final AtomicLong nonces = new AtomicLong(1000);
    private String method = "POST";
    private String signatureMethod = "HmacSHA1";
    private String host = HOST;

    public SignedRequests(Credentials credentials) {
        this.credentials = credentials;
    }

    public SignedRequests get() {
        method = "GET";
        return this;
    }

    public SignedRequests sha256() {
        signatureMethod = "HmacSHA256";
        return this;
    }

    public SignedRequests signedFor(String signedHost) {
        host = signedHost;
        return this;
    }

    /** A signed request for {@code action} stamped {@code timestampSeconds}; params as name, value pairs (they may override the common ones). */
    public CmqHttpRequest request(String action, long timestampSeconds, String... nameValues) {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("Action", action);
        params.put("Nonce", Long.toString(nonces.incrementAndGet()));
        params.put("SecretId", credentials.secretId());
        params.put("Timestamp", Long.toString(timestampSeconds));
        params.put("RequestClient", "SDK_JAVA_1.3");
        params.put("SignatureMethod", signatureMethod);
        // Given parameters win, so that tests can sign odd common parameters too.
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        StringBuilder src = new StringBuilder(method + host + PATH + "?");
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                src.append('&');
            }
            src.append(e.getKey().replace("_", ".")).append('=').append(e.getValue());
            first = false;
        }
        params.put("Signature", hmac(src.toString()));
        return encode(method, params, HOST);
    }

    /** The request as the server would see it, given already-complete parameters. */
    public static CmqHttpRequest encode(String method, Map<String, String> params, String hostHeader) {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> e : new LinkedHashMap<>(params).entrySet()) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        if (method.equals("GET")) {
            return new CmqHttpRequest("GET", hostHeader, PATH, form.toString(), new byte[0], "127.0.0.1:5000");
        }
        return new CmqHttpRequest("POST", hostHeader, PATH, null, form.toString().getBytes(StandardCharsets.UTF_8), "127.0.0.1:5000");
    }

    private String hmac(String src) {
        try {
            Mac mac = Mac.getInstance(signatureMethod);
            mac.init(new SecretKeySpec(credentials.secretKey().getBytes(StandardCharsets.UTF_8), signatureMethod));
            return Base64.getEncoder().encodeToString(mac.doFinal(src.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
