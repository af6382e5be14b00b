package io.opencmq.protocol.sqs.auth;

/**
 * Who signed a request, and for which region (the credential scope's; any region is accepted,
 * ARNs in answers use it).
 */
public record SignedRequest(String accessKeyId, String region) {
}
