package io.opencmq.protocol.sqs.auth;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.request.FormDecoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that an SQS request was signed with AWS Signature Version 4 by the configured key
 * pair (access key id = the CMQ SecretId, secret access key = the CMQ SecretKey), recently.
 * Two forms are accepted: the {@code Authorization} header, and a presigned URL
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, ... in the query string).
 *
 * <p>The canonical request is rebuilt from what the server received: method; the raw path
 * URI-encoded once more (non-S3 services sign the path double-encoded); the query parameters
 * decoded, re-encoded per RFC 3986 and sorted; the signed headers, lower-cased, values trimmed
 * with inner runs of spaces collapsed; the signed header list; and the SHA-256 of the body as
 * received (so a client's {@code x-amz-content-sha256} claim is never trusted). Any region in
 * the credential scope is accepted, the service must be {@code sqs}.
 *
 * <p>Order of checks: form of the signature ({@code IncompleteSignature}), access key
 * ({@code InvalidClientTokenId}), scope ({@code SignatureDoesNotMatch}), time within
 * ±clock skew or the presigned expiry ({@code RequestExpired}), then the MAC, compared in
 * constant time ({@code SignatureDoesNotMatch}). There is no replay protection, as in AWS:
 * a captured request can be sent again within the skew window.
 *
 * <p>Thread-safe and stateless apart from the credentials; the secret is never logged or
 * included in any message.
 */
public final class SigV4Verifier {

    public static final String SERVICE = "sqs";

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long MAX_PRESIGN_EXPIRES = 604_800;

    private final String accessKeyId;
    private final String secretKey;
    private final Clock clock;
    private final long skewSeconds;

    public SigV4Verifier(Credentials credentials, Clock clock, long skewSeconds) {
        if (credentials == null || credentials.secretId() == null || credentials.secretKey() == null) {
            throw new IllegalArgumentException("signature verification needs an access key id and a secret key");
        }
        this.accessKeyId = credentials.secretId();
        this.secretKey = credentials.secretKey();
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    /** Refuses the request with an SqsException unless it is authentic and fresh. */
    public SignedRequest verify(SqsHttpRequest request) {
        List<String[]> query = parseQuery(request.rawQuery());
        String authorization = request.header("authorization");
        if (authorization != null) {
            return verifyHeader(request, authorization, query);
        }
        Map<String, String> queryParams = new LinkedHashMap<>();
        for (String[] p : query) {
            queryParams.putIfAbsent(p[0], p[1]);
        }
        if (queryParams.containsKey("X-Amz-Signature") || queryParams.containsKey("X-Amz-Algorithm")) {
            return verifyPresigned(request, queryParams, query);
        }
        if (queryParams.containsKey("AWSAccessKeyId") || queryParams.containsKey("SignatureVersion")) {
            throw SqsErrors.incompleteSignature("Only AWS Signature Version 4 is supported (Signature Version 2 is not).");
        }
        throw SqsErrors.missingAuthenticationToken();
    }

    private SignedRequest verifyHeader(SqsHttpRequest request, String authorization, List<String[]> query) {
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw SqsErrors.incompleteSignature("Authorization header requires the " + SigV4.ALGORITHM
                    + " algorithm (only AWS Signature Version 4 is supported).");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw SqsErrors.incompleteSignature("Authorization header is malformed: " + shorten(p));
            }
            fields.put(p.substring(0, eq), p.substring(eq + 1));
        }
        String credential = requiredField(fields, "Credential");
        String signedHeaders = requiredField(fields, "SignedHeaders");
        String signature = requiredField(fields, "Signature");

        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            String date = request.header("date");
            if (date == null) {
                throw SqsErrors.incompleteSignature("Authorization header requires an X-Amz-Date or Date header.");
            }
            amzDate = fromHttpDate(date);
        }
        Scope scope = scope(credential, amzDate);
        Instant signedAt = parseBasic(amzDate, "X-Amz-Date");
        checkClock(signedAt, 0);
        check(request, false, scope, amzDate, signedHeaders, signature, query);
        return new SignedRequest(scope.accessKeyId(), scope.region());
    }

    private SignedRequest verifyPresigned(SqsHttpRequest request, Map<String, String> q, List<String[]> query) {
        String algorithm = requiredQuery(q, "X-Amz-Algorithm");
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw SqsErrors.incompleteSignature("X-Amz-Algorithm must be " + SigV4.ALGORITHM + ".");
        }
        String amzDate = requiredQuery(q, "X-Amz-Date");
        Scope scope = scope(requiredQuery(q, "X-Amz-Credential"), amzDate);
        String signedHeaders = requiredQuery(q, "X-Amz-SignedHeaders");
        String signature = requiredQuery(q, "X-Amz-Signature");
        long expires;
        try {
            expires = Long.parseLong(requiredQuery(q, "X-Amz-Expires"));
        } catch (NumberFormatException e) {
            throw SqsErrors.incompleteSignature("X-Amz-Expires must be a number of seconds.");
        }
        if (expires < 1 || expires > MAX_PRESIGN_EXPIRES) {
            throw SqsErrors.incompleteSignature("X-Amz-Expires must be between 1 and " + MAX_PRESIGN_EXPIRES + " seconds.");
        }
        Instant signedAt = parseBasic(amzDate, "X-Amz-Date");
        checkClock(signedAt, expires);
        check(request, true, scope, amzDate, signedHeaders, signature, query);
        return new SignedRequest(scope.accessKeyId(), scope.region());
    }

    private record Scope(String accessKeyId, String date, String region, String service) {
        String text() {
            return date + "/" + region + "/" + service + "/" + SigV4.TERMINATOR;
        }
    }

    private Scope scope(String credential, String amzDate) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty()) {
            throw SqsErrors.incompleteSignature("Credential must have the form <access key>/<date>/<region>/<service>/aws4_request: "
                    + shorten(credential));
        }
        if (!parts[0].equals(accessKeyId)) {
            throw SqsErrors.invalidClientTokenId();
        }
        if (!parts[4].equals(SigV4.TERMINATOR)) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + shorten(parts[4]) + "'.");
        }
        if (!parts[3].equals(SERVICE)) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped to correct service: 'sqs'.");
        }
        if (parts[2].isEmpty()) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped to a region.");
        }
        if (amzDate.length() < 8 || !parts[1].equals(amzDate.substring(0, 8))) {
            throw SqsErrors.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + shorten(parts[1]) + "' != '" + shorten(amzDate.length() < 8 ? amzDate : amzDate.substring(0, 8)) + "'.");
        }
        return new Scope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** Within ±skew of the server clock; a presigned request also until {@code signedAt + expires}. */
    private void checkClock(Instant signedAt, long expires) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant earliest = now.minusSeconds(Math.max(skewSeconds, expires));
        Instant latest = now.plusSeconds(skewSeconds);
        if (expires > 0 && signedAt.plusSeconds(expires).isBefore(now)) {
            throw SqsErrors.requestExpired("Request has expired: signed at " + BASIC.format(signedAt) + " for "
                    + expires + " s; the server time is " + BASIC.format(now) + ".");
        }
        if (signedAt.isBefore(earliest)) {
            throw SqsErrors.requestExpired("Signature expired: " + BASIC.format(signedAt) + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - " + skewSeconds / 60 + " min.)");
        }
        if (signedAt.isAfter(latest)) {
            throw SqsErrors.requestExpired("Signature not yet current: " + BASIC.format(signedAt) + " is still later than "
                    + BASIC.format(latest) + " (" + BASIC.format(now) + " + " + skewSeconds / 60 + " min.)");
        }
    }

    private void check(SqsHttpRequest request, boolean presigned, Scope scope, String amzDate,
                       String signedHeaders, String signature, List<String[]> query) {
        List<String> headerNames = List.of(signedHeaders.split(";", -1));
        if (!headerNames.contains("host")) {
            throw SqsErrors.signatureDoesNotMatch("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        StringBuilder canonicalHeaders = new StringBuilder(256);
        for (String name : headerNames) {
            String value = request.header(name);
            if (value == null || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw SqsErrors.signatureDoesNotMatch("The request signature we calculated does not match the signature you provided: "
                        + "signed header '" + shorten(name) + "' is not in the request.");
            }
            canonicalHeaders.append(name).append(':').append(trimAll(value)).append('\n');
        }
        String canonicalRequest = request.method() + "\n"
                + canonicalUri(request.rawPath()) + "\n"
                + canonicalQuery(query, presigned) + "\n"
                + canonicalHeaders + "\n"
                + signedHeaders + "\n"
                + SigV4.sha256Hex(request.body());
        String stringToSign = SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope.text() + "\n"
                + SigV4.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] expected = SigV4.hmac(SigV4.signingKey(secretKey, scope.date(), scope.region(), scope.service()), stringToSign);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw SqsErrors.signatureDoesNotMatch("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key (the CMQ SecretKey) and signing method.");
        }
    }

    /** The raw path, URI-encoded once more ('/' kept); "/" for an empty path. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return SigV4.uriEncode(rawPath, true);
    }

    static List<String[]> parseQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        byte[] bytes = rawQuery.getBytes(StandardCharsets.ISO_8859_1);
        FormDecoder.decode(bytes, "query string", (k, v) -> pairs.add(new String[] {k, v}));
        return pairs;
    }

    /** Pairs encoded per RFC 3986, sorted by name then value; the presigned signature itself is left out. */
    static String canonicalQuery(List<String[]> pairs, boolean presigned) {
        List<String[]> encoded = new ArrayList<>(pairs.size());
        for (String[] p : pairs) {
            if (presigned && p[0].equals("X-Amz-Signature")) {
                continue;
            }
            encoded.add(new String[] {SigV4.uriEncode(p[0], false), SigV4.uriEncode(p[1], false)});
        }
        encoded.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder();
        for (String[] p : encoded) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** Trims and collapses runs of spaces into one, as SigV4 canonicalizes header values. */
    static String trimAll(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && !sb.isEmpty()) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Instant parseBasic(String amzDate, String what) {
        try {
            return ZonedDateTime.parse(amzDate, BASIC).toInstant();
        } catch (DateTimeParseException e) {
            throw SqsErrors.incompleteSignature(what + " must have the form yyyyMMdd'T'HHmmss'Z': " + shorten(amzDate));
        }
    }

    private static String fromHttpDate(String date) {
        try {
            return BASIC.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            throw SqsErrors.incompleteSignature("Date header is not an RFC 1123 date: " + shorten(date));
        }
    }

    private static String requiredField(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw SqsErrors.incompleteSignature("Authorization header requires '" + name + "' parameter.");
        }
        return value;
    }

    private static String requiredQuery(Map<String, String> q, String name) {
        String value = q.get(name);
        if (value == null || value.isEmpty()) {
            throw SqsErrors.incompleteSignature("A presigned request requires the " + name + " parameter.");
        }
        return value;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Override
    public String toString() {
        return "SigV4Verifier[accessKeyId=" + accessKeyId + ", skew=" + skewSeconds + "s]";
    }
}
