package io.opencmq.protocol.cmq;

import io.opencmq.core.QueueService;
import io.opencmq.core.TopicService;
import io.opencmq.core.auth.Credentials;
import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import io.opencmq.core.time.Clock;
import io.opencmq.protocol.cmq.action.CmqAction;
import io.opencmq.protocol.cmq.action.CmqActionRegistry;
import io.opencmq.protocol.cmq.action.CmqReply;
import io.opencmq.protocol.cmq.action.queue.QueueActions;
import io.opencmq.protocol.cmq.action.topic.TopicActions;
import io.opencmq.protocol.cmq.auth.SignatureVerifier;
import io.opencmq.protocol.cmq.json.CmqJson;
import io.opencmq.protocol.cmq.json.FieldWriter;
import io.opencmq.protocol.cmq.request.CmqParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The CMQ HTTP API, free of any HTTP server: takes one request to {@code /v2/index.php} and
 * produces the JSON body to answer with HTTP 200. Steps: decode parameters, check the
 * signature, find the action by name, run it, encode its reply or its error.
 *
 * <p>Every outcome is a body: refusals and core errors become their CMQ code (see
 * {@link CmqErrors}); anything unexpected is logged with its requestId and answered 6000.
 * Thread-safe; the returned future may complete on a core or timer thread.
 */
public final class CmqApi {

    private static final Logger LOG = LoggerFactory.getLogger(CmqApi.class);

    private final CmqActionRegistry actions;
    private final SignatureVerifier verifier;
    private final RequestIds requestIds = new RequestIds();

    /** The full CMQ API: the queue actions and the topic and subscription actions. */
    public CmqApi(QueueService queues, TopicService topics, Credentials credentials, CmqApiOptions options, Clock clock) {
        this(new CmqActionRegistry(allActions(queues, topics)), credentials, options, clock);
    }

    /** An API over any set of actions (tests use it to add actions of their own). */
    public CmqApi(CmqActionRegistry actions, Credentials credentials, CmqApiOptions options, Clock clock) {
        this.actions = actions;
        this.verifier = options.verifySignatures()
                ? new SignatureVerifier(credentials, clock, options.timestampWindowSeconds(),
                        options.replayCacheMaxEntries(), options.publicHost())
                : null;
    }

    private static List<CmqAction> allActions(QueueService queues, TopicService topics) {
        List<CmqAction> all = new ArrayList<>(QueueActions.all(queues));
        all.addAll(TopicActions.all(topics));
        return all;
    }

    /**
     * Handles one request to /v2/index.php; the future always completes normally with the
     * JSON body to send with HTTP 200. Never throws.
     */
    public CompletableFuture<byte[]> handle(CmqHttpRequest request) {
        String requestId = requestIds.next();
        String actionName = null;
        try {
            String method = request.method();
            if (!"GET".equals(method) && !"POST".equals(method)) {
                return CompletableFuture.completedFuture(errorBody(CmqErrors.methodNotAllowed(method), requestId));
            }
            CmqParams params = CmqParams.parse(method, request.rawQuery(), request.body());
            actionName = params.required("Action");
            if (verifier != null) {
                verifier.verify(method, request.host(), request.path(), params);
            }
            CmqAction action = actions.find(actionName);
            if (action == null) {
                throw CmqErrors.actionNotExisted(actionName);
            }
            String name = action.name();
            return action.handle(params, request.disconnect()).handle((reply, failure) -> failure == null
                    ? replyBody(reply, requestId, name, request)
                    : failureBody(failure, requestId, name, request));
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(failureBody(t, requestId, actionName, request));
        }
    }

    /** The body for a request refused before parsing because it exceeds the size limit. */
    public byte[] requestTooLarge() {
        return errorBody(CmqErrors.requestTooLarge(), requestIds.next());
    }

    /** The body for a request refused before parsing because its method is not GET or POST. */
    public byte[] methodNotAllowed(String method) {
        return errorBody(CmqErrors.methodNotAllowed(method), requestIds.next());
    }

    private byte[] replyBody(CmqReply reply, String requestId, String action, CmqHttpRequest request) {
        try {
            return CmqJson.response(reply.code(), reply.message(), requestId, reply.fields());
        } catch (RuntimeException e) {
            return failureBody(e, requestId, action, request);
        }
    }

    private static byte[] failureBody(Throwable failure, String requestId, String action, CmqHttpRequest request) {
        Throwable cause = unwrap(failure);
        String from = request == null ? "?" : request.remoteAddress();
        CmqError error;
        if (cause instanceof CmqException e) {
            error = e.error();
        } else if (cause instanceof QueueException e) {
            error = CmqErrors.of(e);
            if (e.reason() == ErrorReason.INTERNAL || e.reason() == ErrorReason.UNAVAILABLE) {
                LOG.warn("requestId={} action={} from {}: {}", requestId, action, from, e.toString());
            }
        } else {
            LOG.error("requestId={} action={} from {} failed unexpectedly", requestId, action, from, cause);
            error = CmqErrors.internal();
        }
        return errorBody(error, requestId);
    }

    private static byte[] errorBody(CmqError error, String requestId) {
        return CmqJson.response(error.code(), error.message(), requestId, FieldWriter.NONE);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
