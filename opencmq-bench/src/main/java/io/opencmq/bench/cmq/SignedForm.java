package io.opencmq.bench.cmq;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hot-path encoder of one kind of CMQ request (one action with a fixed set of parameter
 * names): a signed form POST to {@code /v2/index.php}, written as complete HTTP/1.1 bytes
 * into a Netty buffer.
 *
 * <p>Everything that does not change between requests is encoded once here: the request
 * line and headers up to Content-Length, the sorted parameter names, Action, SecretId and
 * SignatureMethod. Per request only the values that change are set ({@link #set}), and
 * {@link #encode} writes the string to sign and the form body into two reused arrays, signs,
 * and copies the result into the output buffer - no objects are allocated.
 *
 * <p>The Nonce is the caller's: the server remembers signatures to refuse replays, so every
 * request must differ; the load generator uses one process-wide counter (random 31-bit nonces
 * collide at a hundred thousand requests per second).
 *
 * <p>Not thread-safe: one per connection and request kind.
 */
public final class SignedForm {
    private static final byte[] CONTENT_LENGTH_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE_KEY = "&Signature=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AMPERSAND = {'&'};
    private static final byte[] EQUALS = {'='};
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final CmqSigner signer;
    private final byte[] head;
    private final byte[] signPrefix;
    private final byte[][] names;
    private final byte[][] canonicalNames;
    private final byte[][] values;
    private final int[] lengths;
    private final int nonceSlot;
    private final int timestampSlot;
    private final byte[] signature;
    private final byte[] digits = new byte[20];
    private byte[] canonical = new byte[2048];
    private byte[] body = new byte[2048];

    /**
     * @param host the Host header and the host in the string to sign ({@code 127.0.0.1:8731})
     * @param actionParams names of the action's own parameters; their values are set per request
     */
    public SignedForm(CmqSigner signer, String host, String secretId, String action, List<String> actionParams) {
        this.signer = signer;
        this.head = ("POST " + CmqSigner.PATH + " HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.signPrefix = ("POST" + host + CmqSigner.PATH + "?").getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("Action", "Nonce", "SecretId", "SignatureMethod", "Timestamp"));
        all.addAll(actionParams);
        String[] sorted = all.toArray(new String[0]);
        Arrays.sort(sorted);
        names = new byte[sorted.length][];
        canonicalNames = new byte[sorted.length][];
        values = new byte[sorted.length][];
        lengths = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            names[i] = sorted[i].getBytes(StandardCharsets.UTF_8);
            canonicalNames[i] = sorted[i].replace('_', '.').getBytes(StandardCharsets.UTF_8);
            values[i] = new byte[0];
        }
        this.nonceSlot = slot("Nonce");
        this.timestampSlot = slot("Timestamp");
        values[nonceSlot] = new byte[20];
        values[timestampSlot] = new byte[20];
        setConstant("Action", action);
        setConstant("SecretId", secretId);
        setConstant("SignatureMethod", signer.method().name());
        this.signature = new byte[signer.base64Length()];
    }

    /** The slot of a parameter name, for {@link #set}. */
    public int slot(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < names.length; i++) {
            if (Arrays.equals(names[i], n)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** Sets a value that stays until changed; the array is referenced, not copied. */
    public void set(int slot, byte[] value, int length) {
        values[slot] = value;
        lengths[slot] = length;
    }

    public void setConstant(String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        set(slot(name), v, v.length);
    }

    /** Writes the whole signed HTTP request into {@code out}. */
    public void encode(long nonce, long timestampSeconds, ByteBuf out) {
        lengths[nonceSlot] = decimal(nonce, values[nonceSlot]);
        lengths[timestampSlot] = decimal(timestampSeconds, values[timestampSlot]);
        int c = putCanonical(0, signPrefix, signPrefix.length);
        int b = 0;
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                c = putCanonical(c, AMPERSAND, 1);
                b = putBody(b, AMPERSAND, 1);
            }
            c = putCanonical(c, canonicalNames[i], canonicalNames[i].length);
            c = putCanonical(c, EQUALS, 1);
            c = putCanonical(c, values[i], lengths[i]);
            b = putBody(b, names[i], names[i].length);
            b = putBody(b, EQUALS, 1);
            b = urlEncode(values[i], lengths[i], b);
        }
        int s = signer.sign(canonical, c, signature);
        b = putBody(b, SIGNATURE_KEY, SIGNATURE_KEY.length);
        b = urlEncode(signature, s, b);

        out.writeBytes(head);
        int n = decimal(b, digits);
        out.writeBytes(digits, 0, n);
        out.writeBytes(CONTENT_LENGTH_END);
        out.writeBytes(body, 0, b);
    }

    private int putCanonical(int at, byte[] src, int length) {
        canonical = grow(canonical, at + length);
        System.arraycopy(src, 0, canonical, at, length);
        return at + length;
    }

    private int putBody(int at, byte[] src, int length) {
        body = grow(body, at + length);
        System.arraycopy(src, 0, body, at, length);
        return at + length;
    }

    /** URL-encodes like java.net.URLEncoder (UTF-8): unreserved bytes as is, space as '+'. */
    private int urlEncode(byte[] src, int length, int at) {
        body = grow(body, at + 3 * length);
        byte[] dst = body;
        for (int i = 0; i < length; i++) {
            byte v = src[i];
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
                    || v == '-' || v == '_' || v == '.' || v == '*') {
                dst[at++] = v;
            } else if (v == ' ') {
                dst[at++] = '+';
            } else {
                dst[at++] = '%';
                dst[at++] = HEX[(v >> 4) & 0xf];
                dst[at++] = HEX[v & 0xf];
            }
        }
        return at;
    }

    private static byte[] grow(byte[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, 2 * a.length));
    }

    /** Writes a non-negative number in decimal at the start of {@code dst}; returns its length. */
    static int decimal(long value, byte[] dst) {
        if (value == 0) {
            dst[0] = '0';
            return 1;
        }
        int n = 0;
        for (long v = value; v > 0; v /= 10) {
            n++;
        }
        long v = value;
        for (int i = n - 1; i >= 0; i--) {
            dst[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return n;
    }
}
