package io.opencmq.bench.sqs;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The hot-path encoder of one SQS action in the AWS JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AmazonSQS.<Action>}, {@code Content-Type: application/x-amz-json-1.0}
 * and the JSON body the caller wrote, signed with SigV4 in the {@code Authorization} header
 * over {@code content-type;host;x-amz-date;x-amz-target} - the headers an AWS SDK signs for
 * SQS, minus those a bench run never sends.
 *
 * <p>The canonical request and the HTTP head are laid out once; per request the X-Amz-Date and
 * the payload hash are written into their places, the signer hashes and signs, and the pieces
 * are copied into the output buffer. No objects are allocated. There is no nonce: SQS, like
 * AWS, keeps no replay cache, so two equal requests in one second are both accepted.
 *
 * <p>Not thread-safe: one per connection and action; the actions of a connection share its
 * {@link SigV4Signer}.
 */
public final class SqsRequest {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    public static final String TARGET_PREFIX = "AmazonSQS.";
    public static final String SIGNED_HEADERS = "content-type;host;x-amz-date;x-amz-target";
    private static final byte[] CONTENT_LENGTH = "\r\nContent-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SigV4Signer signer;
    private final byte[] canonical;
    private final int canonicalDateAt;
    private final int canonicalHashAt;
    private final byte[] head;
    private final byte[] credential;
    private final byte[] afterScopeDate;
    private final byte[] signature = new byte[SigV4Signer.HEX_LENGTH];
    private final byte[] digits = new byte[20];

    /**
     * @param host the Host header as the server will see it ({@code 127.0.0.1:18950}); it is signed
     * @param action the SQS action, e.g. {@code SendMessage}
     */
    public SqsRequest(SigV4Signer signer, String host, String accessKeyId, String action) {
        this.signer = signer;
        String target = TARGET_PREFIX + action;
        String beforeDate = "POST\n/\n\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host.trim() + "\nx-amz-date:";
        String afterDate = "\nx-amz-target:" + target + "\n\n" + SIGNED_HEADERS + "\n";
        this.canonical = (beforeDate + "0".repeat(SigV4Signer.AMZ_DATE_LENGTH) + afterDate + "0".repeat(SigV4Signer.HEX_LENGTH))
                .getBytes(StandardCharsets.UTF_8);
        this.canonicalDateAt = beforeDate.getBytes(StandardCharsets.UTF_8).length;
        this.canonicalHashAt = canonical.length - SigV4Signer.HEX_LENGTH;
        this.head = ("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + CONTENT_TYPE
                + "\r\nX-Amz-Target: " + target + "\r\nX-Amz-Date: ").getBytes(StandardCharsets.UTF_8);
        this.credential = ("\r\nAuthorization: " + SigV4Signer.ALGORITHM + " Credential=" + accessKeyId + "/")
                .getBytes(StandardCharsets.UTF_8);
        this.afterScopeDate = (signer.scopeAfterDate() + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the whole signed HTTP request with body {@code json[0, length)}, signed at {@code epochMillis}. */
    public void encode(byte[] json, int length, long epochMillis, ByteBuf out) {
        signer.setTime(epochMillis);
        byte[] amzDate = signer.amzDate();
        System.arraycopy(amzDate, 0, canonical, canonicalDateAt, SigV4Signer.AMZ_DATE_LENGTH);
        signer.sha256Hex(json, 0, length, canonical, canonicalHashAt);
        signer.sign(canonical, canonical.length, signature, 0);

        out.writeBytes(head);
        out.writeBytes(amzDate);
        out.writeBytes(credential);
        out.writeBytes(amzDate, 0, 8);
        out.writeBytes(afterScopeDate);
        out.writeBytes(signature);
        out.writeBytes(CONTENT_LENGTH);
        out.writeBytes(digits, 0, decimal(length, digits));
        out.writeBytes(HEADER_END);
        out.writeBytes(json, 0, length);
    }

    /** Writes a non-negative number in decimal at the start of {@code dst}; returns its length. */
    private static int decimal(int value, byte[] dst) {
        int n = 1;
        for (int v = value; v >= 10; v /= 10) {
            n++;
        }
        for (int i = n - 1, v = value; i >= 0; i--, v /= 10) {
            dst[i] = (byte) ('0' + v % 10);
        }
        return n;
    }
}
