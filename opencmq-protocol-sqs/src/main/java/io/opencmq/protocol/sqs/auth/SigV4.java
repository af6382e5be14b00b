package io.opencmq.protocol.sqs.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The primitives of AWS Signature Version 4: the derived signing key, SHA-256 and HMAC, and
 * the URI encoding of canonical requests (RFC 3986: everything but {@code A-Z a-z 0-9 - _ . ~}
 * is percent-encoded with upper-case hex). Thread-safe: the Mac and digest are per thread
 * ({@link SigV4Scratch}).
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private SigV4() {
    }

    /**
     * {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}.
     * Four HMACs: the verifier keeps the result in a {@link SigningKeyCache} rather than
     * calling this per request.
     *
     * @param date the scope date, {@code yyyyMMdd}
     */
    public static byte[] signingKey(String secretKey, String date, String region, String service) {
        byte[] kDate = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, TERMINATOR);
    }

    public static byte[] hmac(byte[] key, String data) {
        return SigV4Scratch.get().mac(key, false).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(SigV4Scratch.get().sha256().digest(data));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** RFC 3986 encoding of {@code text}'s UTF-8 bytes; '/' is kept when {@code keepSlash}. */
    public static String uriEncode(String text, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (unreserved(b) || (keepSlash && b == '/')) {
                sb.append((char) b);
            } else {
                sb.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
            }
        }
        return sb.toString();
    }

    /** RFC 3986 unreserved: {@code A-Z a-z 0-9 - _ . ~} (a byte of UTF-8, so never a letter beyond ASCII). */
    static boolean unreserved(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }
}
