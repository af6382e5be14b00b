package io.opencmq.protocol.sqs.auth;

import io.opencmq.core.auth.Credentials;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.sqs.SqsErrors;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.request.FormDecoder;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * <p>Cost: this runs for every SQS request, so the hot path avoids per-request crypto setup
 * and garbage. The derived signing key comes from a small {@link SigningKeyCache} (filled only
 * by requests that verified); the MAC, the digest and the buffer the canonical request is
 * written into are per thread ({@link SigV4Scratch}); the canonical request and the string to
 * sign are written as bytes and hashed without becoming Strings; X-Amz-Date is read by hand
 * ({@link AmzDate}). What is checked, and with which error, is as described above.
 *
 * <p>Thread-safe; state apart from the credentials is the key cache. The secret is never
 * logged or included in any message.
 */
public final class SigV4Verifier {

    public static final String SERVICE = "sqs";

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long MAX_PRESIGN_EXPIRES = 604_800;
    /** Regions x days in use at once; more only costs a key derivation per request, as before. */
    private static final int CACHED_KEYS = 16;
    /** Keeps {@code skew * 1000} from overflowing; a skew of a century is not a real setting. */
    private static final long MAX_SKEW_SECONDS = 100L * 366 * 86_400;

    private final String accessKeyId;
    private final String secretKey;
    private final Clock clock;
    private final long skewSeconds;
    private final SigningKeyCache keys = new SigningKeyCache(CACHED_KEYS);

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
        // "Credential=..., SignedHeaders=..., Signature=..." read in place: the parts are split at
        // ',' and trimmed as String.split(",") and trim() would (trailing empty parts dropped,
        // a later duplicate wins), without the array, the map and the substrings of the names.
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int start = SigV4.ALGORITHM.length() + 1;
        int limit = authorization.length();
        if (limit == start) {
            throw SqsErrors.incompleteSignature("Authorization header is malformed: ");
        }
        while (limit > start && authorization.charAt(limit - 1) == ',') {
            limit--;
        }
        for (int from = start; from < limit; ) {
            int comma = authorization.indexOf(',', from);
            int end = comma < 0 || comma > limit ? limit : comma;
            int b = from;
            int e = end;
            while (b < e && authorization.charAt(b) <= ' ') {
                b++;
            }
            while (e > b && authorization.charAt(e - 1) <= ' ') {
                e--;
            }
            int eq = authorization.indexOf('=', b);
            if (eq <= b || eq >= e) {
                throw SqsErrors.incompleteSignature("Authorization header is malformed: " + shorten(authorization.substring(b, e)));
            }
            if (isName(authorization, b, eq, "Credential")) {
                credential = authorization.substring(eq + 1, e);
            } else if (isName(authorization, b, eq, "SignedHeaders")) {
                signedHeaders = authorization.substring(eq + 1, e);
            } else if (isName(authorization, b, eq, "Signature")) {
                signature = authorization.substring(eq + 1, e);
            }
            from = end + 1;
        }
        credential = requiredField(credential, "Credential");
        signedHeaders = requiredField(signedHeaders, "SignedHeaders");
        signature = requiredField(signature, "Signature");

        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            String date = request.header("date");
            if (date == null) {
                throw SqsErrors.incompleteSignature("Authorization header requires an X-Amz-Date or Date header.");
            }
            amzDate = fromHttpDate(date);
        }
        Scope scope = scope(credential, amzDate);
        long signedAt = parseBasic(amzDate, "X-Amz-Date");
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
        long signedAt = parseBasic(amzDate, "X-Amz-Date");
        checkClock(signedAt, expires);
        check(request, true, scope, amzDate, signedHeaders, signature, query);
        return new SignedRequest(scope.accessKeyId(), scope.region());
    }

    private record Scope(String accessKeyId, String date, String region, String service) {
    }

    /** {@code <access key>/<date>/<region>/sqs/aws4_request}, read in place (exactly four '/'). */
    private Scope scope(String credential, String amzDate) {
        int s1 = credential.indexOf('/');
        int s2 = s1 < 0 ? -1 : credential.indexOf('/', s1 + 1);
        int s3 = s2 < 0 ? -1 : credential.indexOf('/', s2 + 1);
        int s4 = s3 < 0 ? -1 : credential.indexOf('/', s3 + 1);
        if (s4 < 0 || credential.indexOf('/', s4 + 1) >= 0 || s1 == 0) {
            throw SqsErrors.incompleteSignature("Credential must have the form <access key>/<date>/<region>/<service>/aws4_request: "
                    + shorten(credential));
        }
        if (s1 != accessKeyId.length() || !credential.startsWith(accessKeyId)) {
            throw SqsErrors.invalidClientTokenId();
        }
        if (!isName(credential, s4 + 1, credential.length(), SigV4.TERMINATOR)) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + shorten(credential.substring(s4 + 1)) + "'.");
        }
        if (!isName(credential, s3 + 1, s4, SERVICE)) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped to correct service: 'sqs'.");
        }
        if (s3 == s2 + 1) {
            throw SqsErrors.signatureDoesNotMatch("Credential should be scoped to a region.");
        }
        if (amzDate.length() < 8 || s2 - s1 - 1 != 8 || !credential.regionMatches(s1 + 1, amzDate, 0, 8)) {
            throw SqsErrors.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + shorten(credential.substring(s1 + 1, s2)) + "' != '" + shorten(amzDate.length() < 8 ? amzDate : amzDate.substring(0, 8)) + "'.");
        }
        return new Scope(accessKeyId, credential.substring(s1 + 1, s2), credential.substring(s2 + 1, s3), SERVICE);
    }

    /** Whether {@code text[from, to)} is exactly {@code name}. */
    private static boolean isName(String text, int from, int to, String name) {
        return to - from == name.length() && text.startsWith(name, from);
    }

    /**
     * Within ±skew of the server clock; a presigned request also until {@code signedAt + expires}.
     * Compared in milliseconds; Instants are made only for the messages.
     */
    private void checkClock(long signedAtSecond, long expires) {
        long nowMillis = clock.millis();
        long signedAtMillis = signedAtSecond * 1000;
        long skewMillis = Math.clamp(skewSeconds, -MAX_SKEW_SECONDS, MAX_SKEW_SECONDS) * 1000;
        boolean expired = expires > 0 && signedAtMillis + expires * 1000 < nowMillis;
        boolean tooOld = signedAtMillis < nowMillis - Math.max(skewMillis, expires * 1000);
        boolean tooNew = signedAtMillis > nowMillis + skewMillis;
        if (!expired && !tooOld && !tooNew) {
            return;
        }
        Instant signedAt = Instant.ofEpochSecond(signedAtSecond);
        Instant now = Instant.ofEpochMilli(nowMillis);
        if (expired) {
            throw SqsErrors.requestExpired("Request has expired: signed at " + BASIC.format(signedAt) + " for "
                    + expires + " s; the server time is " + BASIC.format(now) + ".");
        }
        if (tooOld) {
            Instant earliest = now.minusSeconds(Math.max(skewSeconds, expires));
            throw SqsErrors.requestExpired("Signature expired: " + BASIC.format(signedAt) + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - " + skewSeconds / 60 + " min.)");
        }
        Instant latest = now.plusSeconds(skewSeconds);
        throw SqsErrors.requestExpired("Signature not yet current: " + BASIC.format(signedAt) + " is still later than "
                + BASIC.format(latest) + " (" + BASIC.format(now) + " + " + skewSeconds / 60 + " min.)");
    }

    private void check(SqsHttpRequest request, boolean presigned, Scope scope, String amzDate,
                       String signedHeaders, String signature, List<String[]> query) {
        if (!hasHost(signedHeaders)) {
            throw SqsErrors.signatureDoesNotMatch("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        SigV4Scratch s = SigV4Scratch.get();

        // The body's hash first: the canonical request below ends with its hex.
        MessageDigest sha256 = s.sha256();
        sha256.update(request.body());
        digest(sha256, s.digest);

        s.clear().append(request.method()).append('\n');
        if (request.rawPath() == null || request.rawPath().isEmpty()) {
            s.append('/');
        } else {
            s.appendUriEncoded(request.rawPath(), true);
        }
        s.append('\n');
        if (!query.isEmpty()) {
            s.append(canonicalQuery(query, presigned));
        }
        s.append('\n');
        for (int from = 0; from <= signedHeaders.length(); ) {
            int semicolon = signedHeaders.indexOf(';', from);
            int end = semicolon < 0 ? signedHeaders.length() : semicolon;
            String name = signedHeaders.substring(from, end);
            String value = request.header(name);
            if (value == null || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw SqsErrors.signatureDoesNotMatch("The request signature we calculated does not match the signature you provided: "
                        + "signed header '" + shorten(name) + "' is not in the request.");
            }
            s.append(name).append(':').appendTrimmed(value).append('\n');
            from = end + 1;
        }
        s.append('\n').append(signedHeaders).append('\n').appendHex(s.digest);
        sha256 = s.sha256();
        sha256.update(s.buffer(), 0, s.length());
        digest(sha256, s.digest);

        s.clear().append(SigV4.ALGORITHM).append('\n').append(amzDate).append('\n')
                .append(scope.date()).append('/').append(scope.region()).append('/').append(scope.service()).append('/')
                .append(SigV4.TERMINATOR).append('\n').appendHex(s.digest);
        byte[] signingKey = keys.get(secretKey, scope.date(), scope.region(), scope.service());
        boolean cached = signingKey != null;
        if (!cached) {
            signingKey = SigV4.signingKey(secretKey, scope.date(), scope.region(), scope.service());
        }
        Mac mac = s.mac(signingKey, true);
        mac.update(s.buffer(), 0, s.length());
        try {
            mac.doFinal(s.digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HmacSHA256 output is 32 bytes", e);
        }
        // A signature that is not 64 hex digits cannot match; deciding that early says nothing
        // about the expected MAC. The comparison itself takes the same time wherever they differ.
        if (!parseHex(signature, s.given) || !MessageDigest.isEqual(s.digest, s.given)) {
            throw SqsErrors.signatureDoesNotMatch("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key (the CMQ SecretKey) and signing method.");
        }
        if (!cached) {
            // Only now: a request that does not verify must not be able to occupy the cache.
            keys.put(secretKey, scope.date(), scope.region(), scope.service(), signingKey);
        }
    }

    /** Whether "host" is one of the ';'-separated names. */
    private static boolean hasHost(String signedHeaders) {
        for (int from = 0; from <= signedHeaders.length(); ) {
            int semicolon = signedHeaders.indexOf(';', from);
            int end = semicolon < 0 ? signedHeaders.length() : semicolon;
            if (isName(signedHeaders, from, end, "host")) {
                return true;
            }
            from = end + 1;
        }
        return false;
    }

    private static void digest(MessageDigest sha256, byte[] into) {
        try {
            sha256.digest(into, 0, into.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 output is 32 bytes", e);
        }
    }

    /** Hex digits of either case into all of {@code into}; false unless exactly that many. */
    static boolean parseHex(String hex, byte[] into) {
        if (hex.length() != into.length * 2) {
            return false;
        }
        for (int i = 0; i < into.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || hex.charAt(2 * i) >= 0x80 || hex.charAt(2 * i + 1) >= 0x80) {
                return false;
            }
            into[i] = (byte) (hi << 4 | lo);
        }
        return true;
    }

    /** How many signing keys are cached (for tests). */
    int cachedSigningKeys() {
        return keys.size();
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

    /** Seconds since the epoch of a {@code yyyyMMdd'T'HHmmss'Z'} timestamp. */
    private static long parseBasic(String amzDate, String what) {
        long second = AmzDate.epochSecond(amzDate);
        if (second == AmzDate.INVALID) {
            throw SqsErrors.incompleteSignature(what + " must have the form yyyyMMdd'T'HHmmss'Z': " + shorten(amzDate));
        }
        return second;
    }

    private static String fromHttpDate(String date) {
        try {
            return BASIC.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            throw SqsErrors.incompleteSignature("Date header is not an RFC 1123 date: " + shorten(date));
        }
    }

    private static String requiredField(String value, String name) {
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
