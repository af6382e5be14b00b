package io.opencmq.protocol.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opencmq.core.QueueService;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.sqs.action.Futures;
import io.opencmq.protocol.sqs.action.SqsAction;
import io.opencmq.protocol.sqs.action.SqsActionRegistry;
import io.opencmq.protocol.sqs.action.SqsContext;
import io.opencmq.protocol.sqs.action.UnsupportedAction;
import io.opencmq.protocol.sqs.action.message.MessageActions;
import io.opencmq.protocol.sqs.action.move.MoveTaskActions;
import io.opencmq.protocol.sqs.action.queue.QueueActions;
import io.opencmq.protocol.sqs.auth.SigV4Verifier;
import io.opencmq.protocol.sqs.auth.SignedRequest;
import io.opencmq.protocol.sqs.request.QueryForm;
import io.opencmq.protocol.sqs.request.SqsParams;
import io.opencmq.protocol.sqs.wire.JsonProtocol;
import io.opencmq.protocol.sqs.wire.QueryXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Amazon SQS API, free of any HTTP server: takes one request and produces the answer.
 * Two protocols share the actions:
 * <ul>
 *   <li>the JSON 1.0 protocol: {@code POST} with {@code X-Amz-Target: AmazonSQS.<Action>} and a
 *       JSON body (current AWS SDKs);</li>
 *   <li>the query protocol: {@code Action=<Action>&...} as a form body (or query string), to
 *       {@code /} or to a queue URL {@code /<account>/<queue>}; XML answers (older SDKs, the
 *       AWS CLI v1, many tools).</li>
 * </ul>
 * Steps: check the SigV4 signature, decode the parameters into one shape, find the action by
 * name, run it, encode its result or its error in the request's protocol.
 *
 * <p>Every outcome is an answer: refusals and core errors become their SQS error (see
 * {@link SqsErrors}); anything unexpected is logged with its RequestId and answered
 * InternalFailure. Thread-safe; the returned future may complete on a core or timer thread.
 */
public final class SqsApi {

    private static final Logger LOG = LoggerFactory.getLogger(SqsApi.class);

    private final SqsActionRegistry actions;
    private final SigV4Verifier verifier;
    private final SqsApiOptions options;
    private final RequestIds requestIds = new RequestIds();

    /** The full SQS API over the queue service. */
    public SqsApi(QueueService queues, Credentials credentials, SqsApiOptions options, Clock clock) {
        this(new SqsActionRegistry(allActions(queues)), credentials, options, clock);
    }

    /** An API over any set of actions (tests use it to add actions of their own). */
    public SqsApi(SqsActionRegistry actions, Credentials credentials, SqsApiOptions options, Clock clock) {
        this.actions = actions;
        this.options = options;
        this.verifier = options.verifySignatures() ? new SigV4Verifier(credentials, clock, options.clockSkewSeconds()) : null;
    }

    private static List<SqsAction> allActions(QueueService queues) {
        List<SqsAction> all = new ArrayList<>(QueueActions.all(queues));
        all.addAll(MessageActions.all(queues));
        all.addAll(MoveTaskActions.all(queues));
        all.addAll(UnsupportedAction.all());
        return all;
    }

    /** True if the request is for the JSON protocol: its X-Amz-Target names an SQS action. */
    public static boolean isJsonRequest(String amzTarget) {
        return amzTarget != null && amzTarget.startsWith(JsonProtocol.TARGET_PREFIX);
    }

    /**
     * True if the request is meant for this API, so that it gets an SQS answer (in its
     * protocol) rather than the server's plain 404:
     * <ul>
     *   <li>a JSON request for an SQS action ({@link #isJsonRequest});</li>
     *   <li>a query request with an Action ({@link #isQueryRequest});</li>
     *   <li>an AWS JSON request ({@code Content-Type: application/x-amz-json-*} with an
     *       X-Amz-Target) for another service's operation, to {@code /} or a queue URL path, or
     *       SigV4-signed: answered UnknownOperationException;</li>
     *   <li>a SigV4-signed (header or presigned) GET or POST to {@code /} or to a queue URL
     *       path without an Action: answered MissingAction.</li>
     * </ul>
     * An unsigned request without an Action or an AWS JSON body stays someone else's.
     */
    public static boolean isSqsRequest(SqsHttpRequest request) {
        String target = request.header("x-amz-target");
        if (isJsonRequest(target)) {
            return true;
        }
        boolean queryPath = isQueryPath(request.rawPath());
        if (isAwsJson(request)) {
            return queryPath || isSigned(request);
        }
        if (isQueryRequest(request.method(), request.rawPath(), request.rawQuery(), request.body())) {
            return true;
        }
        return queryPath && (request.method().equals("POST") || request.method().equals("GET")) && isSigned(request);
    }

    /** The JSON protocol: an SQS target, or any X-Amz-Target with an AWS JSON content type. */
    private static boolean isJsonProtocol(SqsHttpRequest request) {
        return isJsonRequest(request.header("x-amz-target")) || isAwsJson(request);
    }

    private static boolean isAwsJson(SqsHttpRequest request) {
        String contentType = request.header("content-type");
        return request.header("x-amz-target") != null && contentType != null
                && contentType.regionMatches(true, 0, "application/x-amz-json", 0, "application/x-amz-json".length());
    }

    /** SigV4 in the Authorization header, or in the query string of a presigned URL. */
    private static boolean isSigned(SqsHttpRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "AWS4-HMAC-SHA256", 0, "AWS4-HMAC-SHA256".length())) {
            return true;
        }
        return hasParameter(request.rawQuery().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "X-Amz-Algorithm=");
    }

    /**
     * True if a request that is not a JSON one is a query-protocol request: to {@code /} or to
     * a queue URL path, with an {@code Action} parameter in the query string or (POST) the body.
     * A cheap check on the raw bytes; the full parse comes later.
     */
    public static boolean isQueryRequest(String method, String rawPath, String rawQuery, byte[] body) {
        if (!isQueryPath(rawPath) || !(method.equals("POST") || method.equals("GET"))) {
            return false;
        }
        return hasParameter(rawQuery.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "Action=")
                || (method.equals("POST") && hasParameter(body, "Action="));
    }

    /** True for the paths query-protocol requests go to: {@code /} and queue URLs {@code /<account>/<queue>}. */
    public static boolean isQueryPath(String rawPath) {
        return rawPath.equals("/") || rawPath.isEmpty() || SqsContext.queueNameOfUrl(rawPath) != null;
    }

    /** True if the form has a parameter starting with {@code prefix} ("Name="), ASCII. */
    private static boolean hasParameter(byte[] form, String prefix) {
        byte[] key = prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int start = 0; start + key.length <= form.length; ) {
            boolean match = true;
            for (int i = 0; i < key.length && match; i++) {
                match = form[start + i] == key[i];
            }
            if (match) {
                return true;
            }
            int amp = start;
            while (amp < form.length && form[amp] != '&') {
                amp++;
            }
            start = amp + 1;
        }
        return false;
    }

    /** Handles one request; the future always completes normally with the answer. Never throws. */
    public CompletableFuture<SqsHttpResponse> handle(SqsHttpRequest request) {
        String requestId = requestIds.next();
        boolean json = isJsonProtocol(request);
        String actionName = null;
        try {
            SignedRequest signed = verifier == null ? null : verifier.verify(request);
            SqsParams params;
            if (json) {
                String target = request.header("x-amz-target");
                if (!isJsonRequest(target)) {
                    throw SqsErrors.unknownOperation(target);
                }
                actionName = target.substring(JsonProtocol.TARGET_PREFIX.length());
                if (!request.method().equals("POST")) {
                    throw SqsErrors.malformedRequest("The JSON protocol needs POST, not " + SqsErrors.echo(request.method()) + ".");
                }
                params = JsonProtocol.parse(request.body());
            } else {
                QueryForm form = QueryForm.parse(request.method(), request.rawQuery(), request.body());
                actionName = form.action();
                if (actionName == null) {
                    throw SqsErrors.missingAction();
                }
                params = form.params();
            }
            SqsAction action = actions.find(actionName);
            if (action == null) {
                throw SqsErrors.invalidAction(actionName);
            }
            SqsContext context = new SqsContext(urlBase(request), options.accountId(),
                    signed == null ? options.defaultRegion() : signed.region(), SqsContext.queueNameOfUrl(request.rawPath()),
                    request.disconnect());
            String name = action.name();
            return Futures.call(() -> action.handle(params, context)).handle((result, failure) -> failure == null
                    ? success(json, name, result, requestId, request)
                    : failure(json, failure, requestId, name, request));
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(failure(json, t, requestId, actionName, request));
        }
    }

    /** The answer to a request refused before parsing because it exceeds the size limit. */
    public SqsHttpResponse requestTooLarge(boolean json) {
        return requestTooLarge(json, null);
    }

    /**
     * As {@link #requestTooLarge(boolean)}; a JSON request names its action in X-Amz-Target, so
     * an oversized SendMessageBatch gets the error SQS answers for it (BatchRequestTooLong) rather
     * than the HTTP layer's. (A query request's action is in the body, which was not read.)
     */
    public SqsHttpResponse requestTooLarge(boolean json, String amzTarget) {
        if (json && (JsonProtocol.TARGET_PREFIX + "SendMessageBatch").equals(amzTarget)) {
            return error(true, SqsErrors.oversizedBatch(), requestIds.next());
        }
        return error(json, SqsErrors.requestTooLarge(), requestIds.next());
    }

    private String urlBase(SqsHttpRequest request) {
        if (options.queueUrlBase() != null) {
            return options.queueUrlBase();
        }
        String host = request.header("host");
        return "http://" + (host == null || host.isEmpty() ? "localhost" : host);
    }

    private SqsHttpResponse success(boolean json, String action, ObjectNode result, String requestId, SqsHttpRequest request) {
        try {
            return json ? JsonProtocol.result(result, requestId) : QueryXml.result(action, result, requestId);
        } catch (RuntimeException e) {
            return failure(json, e, requestId, action, request);
        }
    }

    private static SqsHttpResponse failure(boolean json, Throwable failure, String requestId, String action, SqsHttpRequest request) {
        Throwable cause = Futures.unwrap(failure);
        String from = request == null ? "?" : request.remoteAddress();
        SqsError error;
        if (cause instanceof SqsException e) {
            error = e.error();
        } else if (cause instanceof QueueException e) {
            error = SqsErrors.of(e);
            if (e.reason() == ErrorReason.INTERNAL || e.reason() == ErrorReason.UNAVAILABLE) {
                LOG.warn("requestId={} action={} from {}: {}", requestId, action, from, e.toString());
            }
        } else {
            LOG.error("requestId={} action={} from {} failed unexpectedly", requestId, action, from, cause);
            error = SqsErrors.internal();
        }
        return error(json, error, requestId);
    }

    private static SqsHttpResponse error(boolean json, SqsError error, String requestId) {
        return json ? JsonProtocol.error(error, requestId) : QueryXml.error(error, requestId);
    }
}
