package io.opencmq.bench.sqs;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * AWS Signature Version 4 for the load generator's hot path: the signature of a canonical
 * request, as lower-case hex, without allocating per request.
 *
 * <p>What changes slowly is cached: the {@code X-Amz-Date} text is formatted once per second
 * ({@link #setTime}) and the derived signing key
 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyyMMdd), region), service), "aws4_request")}
 * once per UTC day; the {@link Mac} stays keyed with it. Per request there are two SHA-256
 * (payload, canonical request; {@link #sha256Hex}) and one HMAC over the string to sign, whose
 * fixed layout is kept in one array with the date and the hash written into their places.
 *
 * <p>Not thread-safe (it owns a {@link MessageDigest} and a {@link Mac}): one per connection.
 */
public final class SigV4Signer {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** Length of an {@code X-Amz-Date} ({@code yyyyMMdd'T'HHmmss'Z'}). */
    public static final int AMZ_DATE_LENGTH = 16;
    /** Length of a SHA-256 or a signature in hex. */
    public static final int HEX_LENGTH = 64;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int DATE_LENGTH = 8;
    /** Offsets in {@link #stringToSign}: "AWS4-HMAC-SHA256\n" amzDate "\n" date "/region/service/aws4_request\n" hash. */
    private static final int AMZ_DATE_AT = ALGORITHM.length() + 1;
    private static final int SCOPE_AT = AMZ_DATE_AT + AMZ_DATE_LENGTH + 1;

    private final byte[] secretKey;
    private final String region;
    private final String service;
    private final MessageDigest sha256;
    private final Mac mac;
    private final byte[] digest = new byte[32];
    private final byte[] stringToSign;
    private final int hashAt;
    private final byte[] amzDate = new byte[AMZ_DATE_LENGTH];
    private long second = Long.MIN_VALUE;
    private final byte[] keyDate = new byte[DATE_LENGTH];
    private boolean keyed;

    public SigV4Signer(String secretKey, String region, String service) {
        this.secretKey = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 / HmacSHA256 not available", e);
        }
        byte[] layout = (ALGORITHM + "\n" + "0".repeat(AMZ_DATE_LENGTH) + "\n" + "0".repeat(DATE_LENGTH) + "/"
                + region + "/" + service + "/aws4_request\n" + "0".repeat(HEX_LENGTH)).getBytes(StandardCharsets.UTF_8);
        this.stringToSign = layout;
        this.hashAt = layout.length - HEX_LENGTH;
    }

    /** The credential scope after the date: {@code /region/service/aws4_request}. */
    public String scopeAfterDate() {
        return "/" + region + "/" + service + "/aws4_request";
    }

    /**
     * Sets the signing time (whole seconds count). Reformats {@link #amzDate()} when the second
     * changed and derives a new signing key when the day changed.
     */
    public void setTime(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        if (s == second) {
            return;
        }
        second = s;
        LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
        int at = digits(t.getYear(), 4, amzDate, 0);
        at = digits(t.getMonthValue(), 2, amzDate, at);
        at = digits(t.getDayOfMonth(), 2, amzDate, at);
        amzDate[at++] = 'T';
        at = digits(t.getHour(), 2, amzDate, at);
        at = digits(t.getMinute(), 2, amzDate, at);
        at = digits(t.getSecond(), 2, amzDate, at);
        amzDate[at] = 'Z';
        if (!keyed || !Arrays.equals(keyDate, 0, DATE_LENGTH, amzDate, 0, DATE_LENGTH)) {
            System.arraycopy(amzDate, 0, keyDate, 0, DATE_LENGTH);
            deriveKey();
            keyed = true;
        }
        System.arraycopy(amzDate, 0, stringToSign, AMZ_DATE_AT, AMZ_DATE_LENGTH);
        System.arraycopy(amzDate, 0, stringToSign, SCOPE_AT, DATE_LENGTH);
    }

    /** The {@code X-Amz-Date} of the time last set; its first 8 bytes are the scope date. Do not modify. */
    public byte[] amzDate() {
        return amzDate;
    }

    /** Writes the lower-case hex SHA-256 of {@code src[offset, offset + length)} at {@code dst[at]}. */
    public void sha256Hex(byte[] src, int offset, int length, byte[] dst, int at) {
        sha256.update(src, offset, length);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        hex(digest, dst, at);
    }

    /**
     * Writes the hex signature of a canonical request ({@code canonical[0, length)}) at
     * {@code dst[at]}: the string to sign is the algorithm, the X-Amz-Date, the scope and the
     * hash of the canonical request, signed with the day's key. {@link #setTime} first.
     */
    public void sign(byte[] canonical, int length, byte[] dst, int at) {
        if (!keyed) {
            throw new IllegalStateException("setTime first");
        }
        sha256Hex(canonical, 0, length, stringToSign, hashAt);
        mac.update(stringToSign, 0, stringToSign.length);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        hex(digest, dst, at);
    }

    private void deriveKey() {
        try {
            byte[] k = hmac(secretKey, new String(keyDate, StandardCharsets.US_ASCII));
            k = hmac(k, region);
            k = hmac(k, service);
            k = hmac(k, "aws4_request");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static void hex(byte[] bytes, byte[] dst, int at) {
        for (byte b : bytes) {
            dst[at++] = HEX[(b >> 4) & 0xf];
            dst[at++] = HEX[b & 0xf];
        }
    }

    private static int digits(int value, int width, byte[] dst, int at) {
        for (int i = width - 1; i >= 0; i--) {
            dst[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
