package dev.agentkanban.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON request body read field by field: a wrong type or an oversized value is a 400 that names
 * the field, never a 500 later. Strings are capped at {@link #MAX_TEXT} characters and arrays at
 * {@link #MAX_ITEMS} items so that every check stays linear in a bounded input.
 */
public final class Body {

    public static final int MAX_TEXT = 100_000;
    public static final int MAX_SHORT = 1_000;
    public static final int MAX_ITEMS = 100;

    private final JsonNode node;

    private Body(JsonNode node) {
        this.node = node;
    }

    /** Requires a JSON object. */
    public static Body of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return new Body(node);
    }

    /** Treats a missing body as {@code {}} (routes whose body is optional). */
    public static Body lenient(JsonNode node) {
        return node != null && node.isObject() ? new Body(node) : new Body(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    public JsonNode raw() {
        return node;
    }

    /** True when the key is present, even with a null value. */
    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    /** The string value, or null when absent or JSON null. */
    public String string(String field) {
        return string(field, MAX_TEXT);
    }

    public String string(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        String text = value.asText();
        if (text.length() > max) {
            throw ApiException.badRequest(field + " is too long (at most " + max + " characters)");
        }
        return text;
    }

    /** An array of strings (each at most {@link #MAX_SHORT} chars), or null when absent or JSON null. */
    public List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(field + " must be an array of strings");
        }
        if (value.size() > MAX_ITEMS) {
            throw ApiException.badRequest(field + " has more than " + MAX_ITEMS + " items");
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be an array of strings");
            }
            if (item.asText().length() > MAX_SHORT) {
                throw ApiException.badRequest(field + " has an item longer than " + MAX_SHORT + " characters");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A whole number, or null when absent or JSON null. */
    public Long integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest(field + " must be an integer");
        }
        return value.asLong();
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return value.asBoolean();
    }
}
