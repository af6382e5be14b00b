package io.opencmq.it.sqs.v1;

import com.amazonaws.Request;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.http.HttpResponse;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.util.EntityUtils;

import java.io.IOException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the v1 SDK put on the wire and what came back, so a test can prove the client
 * really speaks the query protocol: a newer SDK (1.12.584 on) would switch to JSON silently and
 * the rest of these tests would then only repeat the v2 ones.
 */
final class WireLog extends RequestHandler2 {

    /** One HTTP exchange: the Action parameter, the request's method, headers and body, the answer's type and status. */
    record Exchange(String action, String method, String requestContentType, String amzTarget, String requestBody,
                    String responseContentType, int status) {
    }

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public HttpResponse beforeUnmarshalling(Request<?> request, HttpResponse response) {
        List<String> action = request.getParameters().get("Action");
        var sent = response.getHttpRequest();
        exchanges.add(new Exchange(action == null || action.isEmpty() ? null : action.getFirst(), sent.getMethod(),
                value(sent.getFirstHeader("Content-Type")), value(sent.getFirstHeader("X-Amz-Target")), body(sent),
                response.getHeader("Content-Type"), response.getStatusCode()));
        return response;
    }

    /** The form body as sent (the SDK's form entity is repeatable, so it can be read again), else null. */
    private static String body(Object sent) {
        if (sent instanceof HttpEntityEnclosingRequest withBody) {
            HttpEntity entity = withBody.getEntity();
            if (entity != null && entity.isRepeatable()) {
                try {
                    return EntityUtils.toString(entity);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot re-read the request body", e);
                }
            }
        }
        return null;
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    void clear() {
        exchanges.clear();
    }
}
