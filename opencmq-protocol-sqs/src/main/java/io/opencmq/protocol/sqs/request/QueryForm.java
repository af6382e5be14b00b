package io.opencmq.protocol.sqs.request;

import io.opencmq.protocol.sqs.SqsErrors;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a query-protocol request: the query string, plus the form body of a POST.
 * A name given twice is refused, since it would be ambiguous which value counts. The
 * parameters that are not the action's own (Action, Version, and the SigV4 query parameters of
 * a presigned request) are set apart.
 *
 * @param action the Action parameter, null if absent
 * @param params the action's own parameters, in the JSON protocol's shape
 * @param all every parameter as sent (for presigned signature checks)
 */
public record QueryForm(String action, SqsParams params, Map<String, String> all) {

    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

    public static QueryForm parse(String method, String rawQuery, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            FormDecoder.decode(rawQuery.getBytes(StandardCharsets.ISO_8859_1), "query string", (k, v) -> add(all, k, v));
        }
        if ("POST".equals(method) && body.length > 0) {
            FormDecoder.decode(body, "request body", (k, v) -> add(all, k, v));
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (!ENVELOPE.contains(e.getKey())) {
                own.put(e.getKey(), e.getValue());
            }
        }
        String action = all.get("Action");
        return new QueryForm(action == null || action.isEmpty() ? null : action, new SqsParams(QueryTree.of(own)), all);
    }

    private static void add(Map<String, String> params, String key, String value) {
        if (key.isEmpty()) {
            throw SqsErrors.malformedRequest("a parameter has an empty name");
        }
        if (params.putIfAbsent(key, value) != null) {
            throw SqsErrors.malformedRequest("parameter " + key + " is given more than once");
        }
    }
}
