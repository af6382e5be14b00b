package io.opencmq.protocol.cmq;

/**
 * Settings of the CMQ API front.
 *
 * @param verifySignatures check SecretId, Signature, Timestamp and replays on every request;
 *        turn off only behind a trusted gateway that does it already
 * @param timestampWindowSeconds how far a request's Timestamp may be from the server clock,
 *        either way; also how long a signature is remembered against replays
 * @param replayCacheMaxEntries how many recent signatures the replay cache may hold; when full,
 *        the oldest seconds are forgotten and requests stamped with them are refused
 * @param publicHost the host (with port, if clients put one in their endpoint) that clients
 *        use when a proxy rewrites the Host header; accepted in addition to the Host header.
 *        Null when not needed.
 */
public record CmqApiOptions(boolean verifySignatures, long timestampWindowSeconds, int replayCacheMaxEntries, String publicHost) {

    public CmqApiOptions {
        if (timestampWindowSeconds < 1) {
            throw new IllegalArgumentException("timestampWindowSeconds must be at least 1, was " + timestampWindowSeconds);
        }
        if (replayCacheMaxEntries < 1) {
            throw new IllegalArgumentException("replayCacheMaxEntries must be at least 1, was " + replayCacheMaxEntries);
        }
    }

    /** Signatures checked, ±300 s clock skew allowed, up to 2,000,000 remembered signatures. */
    public static CmqApiOptions defaults() {
        return new CmqApiOptions(true, 300, 2_000_000, null);
    }
}
