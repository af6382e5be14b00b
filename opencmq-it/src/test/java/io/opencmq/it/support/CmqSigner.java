package io.opencmq.it.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * CMQ's request signature, written from the reference (§1.4) independently of the server's own
 * implementation so that the black-box tests check the server against the documented algorithm,
 * not against itself: Base64(HMAC(secretKey, METHOD + host + path + "?" + k=v&amp;...)) with keys
 * sorted, raw (un-encoded) values and '_' in keys replaced by '.'.
 */
public final class CmqSigner {

    /** The two HMACs CMQ accepts, with the {@code SignatureMethod} value that selects each. */
    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256");

        private final String wireName;

        Algorithm(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private CmqSigner() {
    }

    /** The exact string that gets signed. */
    public static String stringToSign(String httpMethod, String host, String path, Map<String, String> params) {
        SortedMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("Signature");
        StringJoiner joined = new StringJoiner("&");
        sorted.forEach((k, v) -> joined.add(k.replace('_', '.') + "=" + v));
        return httpMethod.toUpperCase() + host + path + "?" + joined;
    }

    public static String sign(String stringToSign, String secretKey, Algorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.wireName());
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), algorithm.wireName()));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + algorithm.wireName(), e);
        }
    }
}
