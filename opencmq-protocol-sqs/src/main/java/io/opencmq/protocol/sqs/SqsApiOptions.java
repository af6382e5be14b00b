package io.opencmq.protocol.sqs;

import java.util.regex.Pattern;

/**
 * Settings of the SQS API front.
 *
 * @param verifySignatures check the SigV4 signature of every request; turn off only behind a
 *        trusted gateway that does it already
 * @param clockSkewSeconds how far a request's signing time may be from the server clock,
 *        either way (AWS: 15 minutes)
 * @param accountId the 12-digit account id in queue URLs and ARNs; a self-hosted server has
 *        one account
 * @param defaultRegion the region in ARNs when the request does not name one (unsigned
 *        requests when verification is off); signed requests use their credential scope's
 * @param queueUrlBase the scheme and authority queue URLs start with (e.g.
 *        {@code https://sqs.example.com}), for deployments behind a proxy; null = {@code http://}
 *        plus the request's Host header
 */
public record SqsApiOptions(boolean verifySignatures, long clockSkewSeconds, String accountId, String defaultRegion,
                            String queueUrlBase) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** The account id opencmq uses unless configured otherwise. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    public SqsApiOptions {
        if (clockSkewSeconds < 1) {
            throw new IllegalArgumentException("clockSkewSeconds must be at least 1, was " + clockSkewSeconds);
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be 12 digits, was " + accountId);
        }
        if (defaultRegion == null || defaultRegion.isBlank()) {
            throw new IllegalArgumentException("defaultRegion is required");
        }
        if (queueUrlBase != null && queueUrlBase.endsWith("/")) {
            queueUrlBase = queueUrlBase.substring(0, queueUrlBase.length() - 1);
        }
    }

    /** Signatures checked, ±15 minutes of clock skew, account 000000000000, region us-east-1. */
    public static SqsApiOptions defaults() {
        return new SqsApiOptions(true, 900, DEFAULT_ACCOUNT_ID, "us-east-1", null);
    }

    public SqsApiOptions withVerifySignatures(boolean verify) {
        return new SqsApiOptions(verify, clockSkewSeconds, accountId, defaultRegion, queueUrlBase);
    }
}
