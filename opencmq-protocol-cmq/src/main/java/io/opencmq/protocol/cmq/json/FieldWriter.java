package io.opencmq.protocol.cmq.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes an action's own fields into the response object, after code, message and requestId. */
@FunctionalInterface
public interface FieldWriter {
    FieldWriter NONE = g -> { };

    void write(JsonGenerator g) throws IOException;
}
