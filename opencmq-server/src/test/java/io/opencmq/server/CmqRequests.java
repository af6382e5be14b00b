package io.opencmq.server;

import io.opencmq.core.auth.Credentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds signed CMQ requests as the official SDK does (sorted raw parameters, HmacSHA256 over
 * METHOD + host + path + "?" + query; form-encoded POST body), written out as raw HTTP for
 * {@link RawHttpConnection}. Only for tests of the HTTP layer; conformance with the real SDK
 * is tested in opencmq-it.
 */
public final class CmqRequests {
    private final Credentials credentials;
    private final String host;

    public CmqRequests(Credentials credentials, int port) {
        this.credentials = credentials;
        this.host = "127.0.0.1:" + port;
    }

    /** A complete keep-alive POST request for {@code action} with the given parameters. */
    String post(String action, Map<String, String> params) {
        String body = form("POST", action, params);
        return "POST /v2/index.php HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
    }

    /** The signed form (POST body or GET query) for {@code action}. */
    public String form(String method, String action, Map<String, String> params) {
        TreeMap<String, String> all = new TreeMap<>(params);
        all.put("Action", action);
        all.put("SecretId", credentials.secretId());
        all.put("Timestamp", Long.toString(System.currentTimeMillis() / 1000));
        all.put("Nonce", Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE)));
        all.put("SignatureMethod", "HmacSHA256");
        all.put("RequestClient", "opencmq-server-test");

        StringJoiner signed = new StringJoiner("&");
        StringJoiner encoded = new StringJoiner("&");
        for (Map.Entry<String, String> e : all.entrySet()) {
            signed.add(e.getKey().replace('_', '.') + "=" + e.getValue());
            encoded.add(e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        String signature = sign(method + host + "/v2/index.php?" + signed);
        encoded.add("Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8));
        return encoded.toString();
    }

    private String sign(String source) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
