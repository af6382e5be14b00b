package io.opencmq.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqHttpRequest;
import io.opencmq.protocol.common.ClientDisconnect;
import io.opencmq.protocol.sqs.SqsApi;
import io.opencmq.protocol.sqs.SqsHttpRequest;
import io.opencmq.protocol.sqs.SqsHttpResponse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what each request means, on one port:
 * <ul>
 *   <li>{@code /v2/index.php}: the CMQ API;</li>
 *   <li>{@code /health}: the liveness probe;</li>
 *   <li>a request with {@code X-Amz-Target: AmazonSQS.<Action>}: the SQS API, JSON protocol;</li>
 *   <li>a GET or POST to {@code /} or to a queue URL path {@code /<account>/<queue>} with an
 *       {@code Action} parameter: the SQS API, query protocol;</li>
 *   <li>requests that are clearly meant for SQS but name no SQS action (see
 *       {@link SqsApi#isSqsRequest}): a SigV4-signed GET or POST to one of those paths without
 *       an Action, an AWS JSON request for another target: the SQS API, which answers its
 *       MissingAction or UnknownOperationException;</li>
 *   <li>anything else: a 404.</li>
 * </ul>
 * Stateless apart from the shared {@link ServerStatus}; called on event-loop threads.
 */
public final class RequestRouter {
    public static final String CMQ_PATH = "/v2/index.php";
    public static final String HEALTH_PATH = "/health";
    static final String X_AMZ_TARGET = "X-Amz-Target";

    private static final HttpAnswer UP = HttpAnswer.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}");
    private static final HttpAnswer DOWN = HttpAnswer.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"DOWN\"}");
    private static final HttpAnswer NOT_FOUND = HttpAnswer.json(HttpResponseStatus.NOT_FOUND,
            "{\"code\":404,\"message\":\"not found; the CMQ API is at " + CMQ_PATH + "\"}");
    private static final HttpAnswer TOO_LARGE = HttpAnswer.json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "{\"code\":413,\"message\":\"request too large\"}");

    private final CmqApi cmq;
    private final SqsApi sqs;
    private final ServerStatus status;

    public RequestRouter(CmqApi cmq, SqsApi sqs, ServerStatus status) {
        this.cmq = cmq;
        this.sqs = sqs;
        this.status = status;
    }

    CompletableFuture<HttpAnswer> route(FullHttpRequest request, String remoteAddress) {
        return route(request, remoteAddress, ClientDisconnect.NEVER);
    }

    /** Routes a request whose long poll, if it is one, stops waiting when {@code disconnect} fires. */
    CompletableFuture<HttpAnswer> route(FullHttpRequest request, String remoteAddress, ClientDisconnect disconnect) {
        String uri = request.uri();
        String path = path(uri);
        String method = request.method().name();
        return switch (path) {
            case CMQ_PATH -> {
                if (!method.equals("GET") && !method.equals("POST")) {
                    yield CompletableFuture.completedFuture(HttpAnswer.cmq(cmq.methodNotAllowed(method)));
                }
                String host = request.headers().get(HttpHeaderNames.HOST, "");
                byte[] body = ByteBufUtil.getBytes(request.content());
                CmqHttpRequest cmqRequest = new CmqHttpRequest(method, host, path, rawQuery(uri), body, remoteAddress,
                        disconnect);
                yield cmq.handle(cmqRequest).thenApply(HttpAnswer::cmq);
            }
            case HEALTH_PATH -> CompletableFuture.completedFuture(status.isUp() ? UP : DOWN);
            default -> {
                String query = rawQuery(uri);
                byte[] body = ByteBufUtil.getBytes(request.content());
                SqsHttpRequest sqsRequest = new SqsHttpRequest(method, path, query, headers(request), body, remoteAddress,
                        disconnect);
                if (SqsApi.isSqsRequest(sqsRequest)) {
                    yield sqs.handle(sqsRequest).thenApply(RequestRouter::answer);
                }
                yield CompletableFuture.completedFuture(NOT_FOUND);
            }
        };
    }

    /**
     * CMQ and SQS clients get their protocol's error for a too-large request; anyone else a
     * plain 413. (The body is gone, so a query-protocol request is recognized by its path.)
     */
    HttpAnswer oversized(OversizedRequest request) {
        String path = path(request.uri());
        if (path.equals(CMQ_PATH)) {
            return HttpAnswer.cmq(cmq.requestTooLarge());
        }
        if (SqsApi.isJsonRequest(request.amzTarget())) {
            return answer(sqs.requestTooLarge(true, request.amzTarget()));
        }
        if (SqsApi.isQueryPath(path)) {
            return answer(sqs.requestTooLarge(false));
        }
        return TOO_LARGE;
    }

    private static HttpAnswer answer(SqsHttpResponse response) {
        return new HttpAnswer(HttpResponseStatus.valueOf(response.status()), response.contentType(), response.headers(),
                response.body());
    }

    /** Header names lower-cased, repeated headers joined with ',' in order, as SigV4 canonicalizes them. */
    private static Map<String, String> headers(FullHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    /** The answer to a request the HTTP decoder could not parse. */
    static HttpAnswer undecodable(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpAnswer.json(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "{\"code\":431,\"message\":\"request headers too large\"}");
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpAnswer.json(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "{\"code\":414,\"message\":\"request line too long\"}");
        }
        return HttpAnswer.json(HttpResponseStatus.BAD_REQUEST, "{\"code\":400,\"message\":\"malformed HTTP request\"}");
    }

    static HttpAnswer internalError() {
        return HttpAnswer.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"code\":500,\"message\":\"internal error\"}");
    }

    /** The path of an origin-form ("/p?q") or absolute-form ("http://h/p?q") request target. */
    static String path(String uri) {
        String rest = uri;
        int scheme = rest.indexOf("://");
        if (scheme > 0 && rest.indexOf('/') > scheme) {
            int slash = rest.indexOf('/', scheme + 3);
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        int end = rest.length();
        int query = rest.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return rest.substring(0, end);
    }

    /** The query string as sent (still percent-encoded), without '?' and fragment; "" if none. */
    static String rawQuery(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return "";
        }
        int fragment = uri.indexOf('#', query);
        return uri.substring(query + 1, fragment < 0 ? uri.length() : fragment);
    }
}
