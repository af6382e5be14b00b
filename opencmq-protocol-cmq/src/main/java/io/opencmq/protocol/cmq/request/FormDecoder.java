package io.opencmq.protocol.cmq.request;

import io.opencmq.protocol.cmq.CmqErrors;

import io.opencmq.protocol.common.FormEncoding;
import io.opencmq.protocol.common.MalformedFormException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code k=v&k=v}) as CMQ clients
 * send it, whatever Content-Type they claim: UTF-8 after percent-decoding, '+' as space.
 * A stray '%', a bad hex digit or bytes that are not UTF-8 refuse the request (4000/10420)
 * instead of guessing, because the decoded values are what the signature covers.
 *
 * <p>Values are decoded to bytes ({@link FormValue}): a message body goes to the engine as
 * UTF-8 bytes, so making a String of it only to encode it again would be two wasted copies.
 * Bytes are still checked as strictly as a String decoding would, and at the same point.
 *
 * <p>Stateless and thread-safe.
 */
final class FormDecoder {

    private FormDecoder() {
    }

    /**
     * Calls {@code sink} for each {@code key=value} pair of {@code form[0..length)}, in order.
     * Empty segments ({@code &&}) are skipped; a pair without '=' has an empty value.
     *
     * @param what names the source ("request body", "query string") in error messages
     */
    static void decode(byte[] form, int length, String what, BiConsumer<String, FormValue> sink) {
        FormEncoding.forEachPair(form, length, (keyFrom, keyTo, valueFrom, valueTo) -> sink.accept(
                decodeComponent(form, keyFrom, keyTo, what),
                valueFrom < 0 ? FormValue.EMPTY : decodeValue(form, valueFrom, valueTo, what)));
    }

    /** Percent- and plus-decodes {@code bytes[from..to)} and reads the result as strict UTF-8. */
    static String decodeComponent(byte[] bytes, int from, int to, String what) {
        if (isPlainAscii(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return FormEncoding.decodeToString(bytes, from, to);
        } catch (MalformedFormException e) {
            throw CmqErrors.cannotParse(what + ": " + e.getMessage());
        }
    }

    /**
     * Like {@link #decodeComponent} but keeps the decoded bytes; a String is made here only
     * when non-ASCII bytes have to be checked as UTF-8 (the check yields it anyway).
     */
    static FormValue decodeValue(byte[] bytes, int from, int to, String what) {
        if (isPlainAscii(bytes, from, to)) {
            return FormValue.ofAscii(Arrays.copyOfRange(bytes, from, to));
        }
        try {
            byte[] out = new byte[to - from];
            int n = FormEncoding.percentDecode(bytes, from, to, out);
            byte[] utf8 = n == out.length ? out : Arrays.copyOf(out, n);
            if (isAscii(utf8)) {
                return FormValue.ofAscii(utf8);
            }
            return FormValue.ofBoth(utf8, FormEncoding.strictUtf8(utf8, n));
        } catch (MalformedFormException e) {
            throw CmqErrors.cannotParse(what + ": " + e.getMessage());
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < 0 || b == '%' || b == '+') {
                return false;
            }
        }
        return true;
    }
}
