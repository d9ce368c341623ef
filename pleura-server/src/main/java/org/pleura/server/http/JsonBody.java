package org.pleura.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import org.pleura.server.http.ProblemException;

/** Reads the JSON object bodies of the reading room's API requests; malformed input is a 400, never a 500. */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /**
     * The request's body, which must be a JSON object sent as {@code application/json} (a cross-site HTML form
     * cannot send that type without the browser asking first).
     */
    public static JsonBody of(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ProblemException(415, "unsupported-type", "send the request body as application/json");
        }
        try {
            JsonNode n = MAPPER.readTree(ctx.bodyAsBytes());
            if (n == null || !n.isObject()) {
                throw ProblemException.badRequest("the body must be a JSON object");
            }
            return new JsonBody(n);
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        }
    }

    /** True if the field is present and not null. */
    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** A text field, if present. */
    public Optional<String> text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ProblemException.badRequest("'" + field + "' must be text");
        }
        return Optional.of(v.asText());
    }

    /** A required text field. */
    public String requireText(String field) {
        return text(field).orElseThrow(() -> ProblemException.badRequest("'" + field + "' is required"));
    }

    /** A boolean field, if present. */
    public Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ProblemException.badRequest("'" + field + "' must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** A required finite number. */
    public double requireNumber(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw ProblemException.badRequest("'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    /** The raw node of a field (arrays, objects), if present. */
    public Optional<JsonNode> node(String field) {
        return Optional.ofNullable(node.get(field)).filter(n -> !n.isNull());
    }

    /** Every field name. */
    public Iterable<String> fields() {
        return node::fieldNames;
    }
}
