package io.opencmq.protocol.cmq.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes CMQ response bodies with Jackson's streaming generator (no reflection): always
 * {@code {"code":..,"message":"..","requestId":"..", <action fields>}}.
 *
 * <p>Non-ASCII characters are written as {@code \\uXXXX} escapes, so the body is plain ASCII
 * and decodes the same whatever charset a client assumes for the response.
 *
 * <p>Thread-safe: the factory is shared, each call has its own generator.
 */
public final class CmqJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private CmqJson() {
    }

    public static JsonFactory factory() {
        return FACTORY;
    }

    /** The full response body. */
    public static byte[] response(int code, String message, String requestId, FieldWriter fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("code", code);
            g.writeStringField("message", message);
            g.writeStringField("requestId", requestId);
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** A small JSON document as a String, for values CMQ nests as strings (deadLetterPolicy). */
    public static String string(FieldWriter object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            object.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
