package io.opencmq.bench.cmq;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;

/**
 * Signs CMQ requests the way the official clients do (cmq-api.md §1.4): Base64 of
 * HMAC-SHA1/SHA256, keyed with the SecretKey, over {@code METHOD + host + path + "?" + k=v&...}
 * with the parameters sorted by name, raw (not URL-encoded) values and '_' in names replaced
 * by '.'. The caller passes that string to sign; {@link #canonical} builds it for the slow
 * path, {@link SignedForm} for the hot path without allocations.
 *
 * <p>Not thread-safe (it owns one {@link Mac}); each connection of the load generator has its own.
 */
public final class CmqSigner {
    public static final String PATH = "/v2/index.php";

    private final SignatureMethod method;
    private final Mac mac;
    private final byte[] macOut;

    public CmqSigner(String secretKey, SignatureMethod method) {
        this.method = method;
        try {
            this.mac = Mac.getInstance(method.jcaName());
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), method.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.jcaName() + " is not available", e);
        }
        this.macOut = new byte[mac.getMacLength()];
    }

    public SignatureMethod method() {
        return method;
    }

    /** The string to sign for {@code params} (which must not contain Signature). */
    public static String canonical(String httpMethod, String host, SortedMap<String, String> params) {
        StringBuilder sb = new StringBuilder(256).append(httpMethod).append(host).append(PATH).append('?');
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                sb.append('&');
            }
            first = false;
            sb.append(e.getKey().replace('_', '.')).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The Signature value for a string to sign. */
    public String sign(String stringToSign) {
        byte[] src = stringToSign.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[base64Length()];
        int n = sign(src, src.length, out);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    /** Writes the Base64 signature of {@code src[0, length)} into {@code out}; returns its length. */
    public int sign(byte[] src, int length, byte[] out) {
        mac.update(src, 0, length);
        try {
            mac.doFinal(macOut, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encode(macOut, out);
    }

    /** Length of the Base64 text of one signature. */
    public int base64Length() {
        return 4 * ((mac.getMacLength() + 2) / 3);
    }

    /** The two MACs CMQ knows; the value is what goes into SignatureMethod. */
    public enum SignatureMethod {
        HmacSHA1, HmacSHA256;

        String jcaName() {
            return name();
        }
    }
}
