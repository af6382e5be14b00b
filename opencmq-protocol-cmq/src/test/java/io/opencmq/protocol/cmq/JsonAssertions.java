package io.opencmq.protocol.cmq;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the JSON types the official Java SDK insists on (getString throws on a number). */
public final class JsonAssertions {
    private JsonAssertions() {
    }

    public static void assertOk(JsonNode body) {
        assertThat(body.get("code").isInt()).as("code is a number: %s", body).isTrue();
        assertThat(body.get("code").intValue()).as("body %s", body).isZero();
        assertThat(body.get("message").isTextual()).isTrue();
        assertThat(body.get("message").textValue()).isEmpty();
        assertThat(body.get("requestId").isTextual()).isTrue();
    }

    public static void assertError(JsonNode body, int code, String messageStart) {
        assertThat(body.get("code").isInt()).as("code is a number: %s", body).isTrue();
        assertThat(body.get("code").intValue()).as("body %s", body).isEqualTo(code);
        assertThat(body.get("message").isTextual()).isTrue();
        assertThat(body.get("message").textValue()).as("body %s", body).startsWith(messageStart);
        assertThat(body.get("requestId").isTextual()).isTrue();
        assertThat(body.get("requestId").textValue()).isNotEmpty();
    }

    public static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        assertThat(v).as("field %s in %s", field, node).isNotNull();
        assertThat(v.isTextual()).as("%s is a JSON string in %s", field, node).isTrue();
        return v.textValue();
    }

    public static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        assertThat(v).as("field %s in %s", field, node).isNotNull();
        assertThat(v.isIntegralNumber()).as("%s is a JSON integer in %s", field, node).isTrue();
        return v.longValue();
    }
}
