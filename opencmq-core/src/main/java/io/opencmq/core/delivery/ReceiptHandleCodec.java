package io.opencmq.core.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Receipt handles: {@code base64url(queueId · seq · lockId · mac)} where mac is a truncated
 * HMAC-SHA256 of the first three fields under a key only the server knows. A client cannot
 * forge a handle for another message or lock, and the engine checks the lockId against the
 * message's current lock, so only the latest receive's handle deletes.
 *
 * <p>Thread-safe.
 */
public final class ReceiptHandleCodec {
    private static final int MAC_BYTES = 10;
    private static final int LENGTH = 24 + MAC_BYTES;

    /** The fields a valid handle names. */
    public record Decoded(long queueId, long seq, long lockId) { }

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public ReceiptHandleCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String encode(long queueId, long seq, long lockId) {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        buf.putLong(queueId).putLong(seq).putLong(lockId);
        buf.put(mac(buf.array()), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** The handle's fields, or null if it is malformed or its mac does not match. */
    public Decoded decode(String handle) {
        if (handle == null || handle.length() > 64) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(handle);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != LENGTH) {
            return null;
        }
        byte[] expected = mac(raw);
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(raw, 24, given, 0, MAC_BYTES);
        byte[] expectedPrefix = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, expectedPrefix, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(given, expectedPrefix)) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        return new Decoded(buf.getLong(), buf.getLong(), buf.getLong());
    }

    private byte[] mac(byte[] raw) {
        Mac mac = macs.get();
        mac.update(raw, 0, 24);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
