package io.opencmq.protocol.cmq.auth;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.cmq.CmqErrors;
import io.opencmq.protocol.cmq.request.CmqParams;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Checks that a request was signed with the configured key, recently, and only once.
 *
 * <p>The string to sign, as CMQ clients build it: {@code METHOD + host + path + "?" + k=v&...}
 * over every parameter except Signature, sorted by name (plain String order), with the raw
 * decoded values and '_' in names replaced by '.'. The MAC is HmacSHA256 when
 * SignatureMethod=HmacSHA256, else HmacSHA1, keyed with the secret key's UTF-8 bytes; the
 * Signature parameter is its Base64. The host is the request's Host header, or the configured
 * public host when a proxy rewrites it.
 *
 * <p>Order of checks: SecretId (4100/10270), Timestamp within ±window (4100/10030), MAC
 * (4100/10030, compared in constant time), then the replay cache (4100/10030), which only
 * remembers requests whose MAC is valid, so forged requests cannot fill it.
 *
 * <p>Thread-safe: MACs are per thread, the replay cache is synchronized. The secret key is
 * never logged or included in any message.
 */
public final class SignatureVerifier {

    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final String HMAC_SHA256 = "HmacSHA256";

    private final String secretId;
    private final ThreadLocal<Mac> sha1;
    private final ThreadLocal<Mac> sha256;
    private final Clock clock;
    private final String publicHost;
    private final long windowSeconds;
    private final ReplayCache replays;

    public SignatureVerifier(Credentials credentials, Clock clock, long windowSeconds, int replayCacheMaxEntries, String publicHost) {
        if (credentials == null || credentials.secretId() == null || credentials.secretKey() == null) {
            throw new IllegalArgumentException("signature verification needs a SecretId and a SecretKey");
        }
        this.secretId = credentials.secretId();
        byte[] key = credentials.secretKey().getBytes(StandardCharsets.UTF_8);
        this.sha1 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA1, key));
        this.sha256 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA256, key));
        this.clock = clock;
        this.publicHost = publicHost;
        this.windowSeconds = windowSeconds;
        this.replays = new ReplayCache(windowSeconds, replayCacheMaxEntries);
    }

    /** Refuses the request with a CmqException unless it is authentic, fresh and new. */
    public void verify(String method, String host, String path, CmqParams params) {
        String givenSecretId = params.get("SecretId");
        if (givenSecretId == null || givenSecretId.isEmpty()) {
            throw CmqErrors.missingParameter("SecretId");
        }
        if (!givenSecretId.equals(secretId)) {
            throw CmqErrors.secretIdNotExisted();
        }
        String signature = params.required("Signature");
        params.required("Nonce");
        long timestamp = params.requiredLong("Timestamp", Long.MIN_VALUE, Long.MAX_VALUE);
        long now = Math.floorDiv(clock.millis(), 1000);
        if (!replays.withinWindow(timestamp, now)) {
            throw CmqErrors.authenticationFailed("Timestamp " + timestamp + " is more than " + windowSeconds
                    + " s away from the server time " + now);
        }

        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw CmqErrors.authenticationFailed("Signature is not Base64");
        }
        Mac mac = HMAC_SHA256.equals(params.get("SignatureMethod")) ? sha256.get() : sha1.get();
        String query = canonicalQuery(params.all());
        boolean valid = matches(mac, given, method + host + path + "?" + query);
        if (!valid && publicHost != null && !publicHost.equals(host)) {
            valid = matches(mac, given, method + publicHost + path + "?" + query);
        }
        if (!valid) {
            throw CmqErrors.authenticationFailed("Signature does not match (check the SecretKey, the endpoint host and port, and the method)");
        }

        switch (replays.admit(timestamp, signatureHash(given), now)) {
            case ACCEPTED -> { }
            case REPLAYED -> throw CmqErrors.authenticationFailed(
                    "this request was already received (same Signature); sign each request with a fresh Nonce");
            case EVICTED -> throw CmqErrors.authenticationFailed("Timestamp " + timestamp
                    + " is older than the server can currently check for replays (oldest accepted: "
                    + replays.oldestAcceptedSecond(now) + "); send it again with a fresh Timestamp");
            case OUTSIDE_WINDOW -> throw CmqErrors.authenticationFailed("Timestamp " + timestamp
                    + " is more than " + windowSeconds + " s away from the server time " + now);
        }
    }

    /** Number of signatures currently remembered (for metrics and tests). */
    public int rememberedSignatures() {
        return replays.size();
    }

    /** The part after '?' of the string to sign. */
    static String canonicalQuery(Map<String, String> params) {
        String[] keys = params.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        StringBuilder sb = new StringBuilder(256);
        for (String key : keys) {
            if (key.equals("Signature")) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(key.replace('_', '.')).append('=').append(params.get(key));
        }
        return sb.toString();
    }

    private static boolean matches(Mac mac, byte[] given, String stringToSign) {
        byte[] expected = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, given);
    }

    /** The first 8 bytes of a (verified, hence unpredictable) MAC are a good 64-bit hash. */
    private static long signatureHash(byte[] mac) {
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h << 8) | (mac[i] & 0xff);
        }
        return h;
    }

    private static Mac newMac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SignatureVerifier[secretId=" + secretId + ", window=" + windowSeconds + "s]";
    }
}
