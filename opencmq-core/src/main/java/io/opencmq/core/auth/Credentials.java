package io.opencmq.core.auth;

/**
 * The key pair clients sign requests with: {@code secretId} names the key (it travels in the
 * request), {@code secretKey} is the HMAC secret (it never travels). The same pair serves
 * every protocol: for SQS the secretId is the access key id.
 */
public record Credentials(String secretId, String secretKey) {
    @Override
    public String toString() {
        return "Credentials[secretId=" + secretId + ", secretKey=***]";
    }
}
