package io.opencmq.protocol.sqs.request;

import io.opencmq.protocol.sqs.SqsErrors;

import io.opencmq.protocol.common.FormEncoding;
import io.opencmq.protocol.common.MalformedFormException;

import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code k=v&k=v}), as the query
 * protocol sends it in bodies and query strings: UTF-8 after percent-decoding, '+' as space. A
 * stray '%', a bad hex digit or bytes that are not UTF-8 refuse the request
 * ({@code MalformedQueryString}) instead of guessing.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    /** Calls {@code sink} for each pair of {@code form}, in order; {@code &&} is skipped, {@code k} alone is {@code k=""}. */
    public static void decode(byte[] form, String what, BiConsumer<String, String> sink) {
        FormEncoding.forEachPair(form, form.length, (keyFrom, keyTo, valueFrom, valueTo) -> sink.accept(
                component(form, keyFrom, keyTo, what),
                valueFrom < 0 ? "" : component(form, valueFrom, valueTo, what)));
    }

    /** Percent- and plus-decodes {@code bytes[from..to)} and reads the result as strict UTF-8. */
    public static String component(byte[] bytes, int from, int to, String what) {
        try {
            return FormEncoding.decodeToString(bytes, from, to);
        } catch (MalformedFormException e) {
            throw SqsErrors.malformedRequest(what + ": " + e.getMessage());
        }
    }
}
