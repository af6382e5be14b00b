package io.opencmq.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * One CMQ response as the raw client saw it. Accessors fail with a message that includes the
 * whole body, so a failing assertion shows what the server actually said.
 *
 * @param httpStatus the HTTP status (CMQ always answers 200, errors live in {@code code})
 * @param json       the parsed body
 * @param body       the body as text
 */
public record Reply(int httpStatus, JsonNode json, String body) {

    static Reply parse(int status, String body, ObjectMapper mapper) {
        try {
            return new Reply(status, mapper.readTree(body), body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("HTTP " + status + " with a body that is not JSON: " + body, e);
        }
    }

    public int code() {
        return required("code").asInt();
    }

    public String message() {
        return required("message").asText();
    }

    public boolean ok() {
        return code() == 0;
    }

    /** Fails unless the call succeeded; returns this for chaining. */
    public Reply assertOk() {
        if (!ok()) {
            throw new AssertionError("expected code 0 but got: " + body);
        }
        return this;
    }

    /** A string field; fails if absent or not a JSON string. */
    public String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw new AssertionError("field " + field + " is not a JSON string in: " + body);
        }
        return node.asText();
    }

    /** A numeric field; fails if absent or not a JSON number. */
    public long number(String field) {
        JsonNode node = required(field);
        if (!node.isNumber()) {
            throw new AssertionError("field " + field + " is not a JSON number in: " + body);
        }
        return node.asLong();
    }

    /** The elements of an array field; fails if absent or not an array. */
    public List<JsonNode> array(String field) {
        JsonNode node = required(field);
        if (!node.isArray()) {
            throw new AssertionError("field " + field + " is not a JSON array in: " + body);
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    public JsonNode required(String field) {
        JsonNode node = json.get(field);
        if (node == null) {
            throw new AssertionError("field " + field + " missing in: " + body);
        }
        return node;
    }

    @Override
    public String toString() {
        return "HTTP " + httpStatus + " " + body;
    }
}
