package io.opencmq.protocol.sqs.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One thread's SigV4 working set: an HMAC-SHA256 {@link Mac}, a SHA-256 {@link MessageDigest}
 * and a byte buffer the canonical request and the string to sign are written into.
 *
 * <p>Why per thread: {@code Mac.getInstance} and {@code MessageDigest.getInstance} look the
 * algorithm up in the providers and allocate the engines on every call, which was most of
 * the cost of a signature check; neither object is thread-safe, and the SQS front checks
 * signatures on the Netty event loops, a few long-lived threads. Nothing here is ever
 * shared between threads. {@link #mac}, {@link #sha256()} and {@link #clear()} hand their
 * object over reset, so a computation abandoned half-way (an exception) cannot leak into the
 * next one. A thread-per-request executor (virtual threads) would get a new set per request,
 * which costs what the check cost before this class.
 */
final class SigV4Scratch {

    private static final ThreadLocal<SigV4Scratch> CURRENT = ThreadLocal.withInitial(SigV4Scratch::new);
    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_CAPACITY = 1024;
    /** A request with huge signed headers grows the buffer; do not keep that much per thread. */
    private static final int RETAINED_CAPACITY = 16 * 1024;

    final MessageDigest sha256;
    /** 32 bytes of digest or MAC output, reused. */
    final byte[] digest = new byte[32];
    /** The signature the client sent, decoded, reused. */
    final byte[] given = new byte[32];

    private final Mac mac;
    /** The key {@link #mac} is initialized with, compared by identity; null when unknown. */
    private byte[] macKey;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int length;

    private SigV4Scratch() {
        try {
            mac = Mac.getInstance("HmacSHA256");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 or SHA-256 is not available in this JVM", e);
        }
    }

    static SigV4Scratch get() {
        return CURRENT.get();
    }

    /**
     * The MAC, keyed with {@code key} and reset. Re-keying costs two SHA-256 blocks and an
     * allocation, so it is skipped when the MAC already holds this very array: callers pass
     * only arrays nobody modifies afterwards (the signing key cache's), or {@code reuse=false}.
     */
    Mac mac(byte[] key, boolean reuse) {
        if (reuse && key == macKey) {
            mac.reset();
            return mac;
        }
        try {
            macKey = null;
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        macKey = reuse ? key : null;
        return mac;
    }

    MessageDigest sha256() {
        sha256.reset();
        return sha256;
    }

    // ---- the text buffer ----

    SigV4Scratch clear() {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        length = 0;
        return this;
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return length;
    }

    SigV4Scratch append(char asciiChar) {
        ensure(1);
        buf[length++] = (byte) asciiChar;
        return this;
    }

    /** The UTF-8 bytes of {@code text}, as {@code String.getBytes(UTF_8)} gives them. */
    SigV4Scratch append(String text) {
        int n = text.length();
        if (!isAscii(text)) {
            return append(text.getBytes(StandardCharsets.UTF_8));
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    SigV4Scratch append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
        return this;
    }

    /** Lower-case hex of all of {@code bytes}. */
    SigV4Scratch appendHex(byte[] bytes) {
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            buf[length++] = LOWER_HEX[(b >> 4) & 0xf];
            buf[length++] = LOWER_HEX[b & 0xf];
        }
        return this;
    }

    /** {@link SigV4#uriEncode} of {@code text}, written here instead of into a String. */
    SigV4Scratch appendUriEncoded(String text, boolean keepSlash) {
        if (isAscii(text)) {
            int n = text.length();
            ensure(n * 3);
            for (int i = 0; i < n; i++) {
                appendUriByte((byte) text.charAt(i), keepSlash);
            }
        } else {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ensure(bytes.length * 3);
            for (byte b : bytes) {
                appendUriByte(b, keepSlash);
            }
        }
        return this;
    }

    private void appendUriByte(byte b, boolean keepSlash) {
        if (SigV4.unreserved(b) || (keepSlash && b == '/')) {
            buf[length++] = b;
        } else {
            buf[length++] = '%';
            buf[length++] = UPPER_HEX[(b >> 4) & 0xf];
            buf[length++] = UPPER_HEX[b & 0xf];
        }
    }

    /** {@link SigV4Verifier#trimAll} of {@code value}, written here. */
    SigV4Scratch appendTrimmed(String value) {
        if (!isAscii(value)) {
            return append(SigV4Verifier.trimAll(value));
        }
        int n = value.length();
        ensure(n);
        boolean space = false;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && any) {
                    buf[length++] = ' ';
                }
                space = false;
                any = true;
                buf[length++] = (byte) c;
            }
        }
        return this;
    }

    private static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
