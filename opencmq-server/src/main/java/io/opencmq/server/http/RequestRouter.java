package io.opencmq.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.opencmq.protocol.cmq.CmqApi;
import io.opencmq.protocol.cmq.CmqHttpRequest;

import java.util.concurrent.CompletableFuture;

/**
 * Decides what each path means: {@code /v2/index.php} is the CMQ API, {@code /health} the
 * liveness probe, anything else a 404. Stateless apart from the shared {@link ServerStatus};
 * called on event-loop threads.
 */
public final class RequestRouter {
    public static final String CMQ_PATH = "/v2/index.php";
    public static final String HEALTH_PATH = "/health";

    private static final HttpAnswer UP = HttpAnswer.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}");
    private static final HttpAnswer DOWN = HttpAnswer.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"DOWN\"}");
    private static final HttpAnswer NOT_FOUND = HttpAnswer.json(HttpResponseStatus.NOT_FOUND,
            "{\"code\":404,\"message\":\"not found; the CMQ API is at " + CMQ_PATH + "\"}");
    private static final HttpAnswer TOO_LARGE = HttpAnswer.json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "{\"code\":413,\"message\":\"request too large\"}");

    private final CmqApi cmq;
    private final ServerStatus status;

    public RequestRouter(CmqApi cmq, ServerStatus status) {
        this.cmq = cmq;
        this.status = status;
    }

    CompletableFuture<HttpAnswer> route(FullHttpRequest request, String remoteAddress) {
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
                CmqHttpRequest cmqRequest = new CmqHttpRequest(method, host, path, rawQuery(uri), body, remoteAddress);
                yield cmq.handle(cmqRequest).thenApply(HttpAnswer::cmq);
            }
            case HEALTH_PATH -> CompletableFuture.completedFuture(status.isUp() ? UP : DOWN);
            default -> CompletableFuture.completedFuture(NOT_FOUND);
        };
    }

    /** CMQ clients get the CMQ error for a too-large request; anyone else a plain 413. */
    HttpAnswer oversized(OversizedRequest request) {
        return path(request.uri()).equals(CMQ_PATH) ? HttpAnswer.cmq(cmq.requestTooLarge()) : TOO_LARGE;
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
