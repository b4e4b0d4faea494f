package dev.agentkanban.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * JSON kept in TEXT columns ({@code skills}, {@code runtimes}, {@code usage_info}, …): written as
 * compact JSON, and returned parsed so responses carry arrays and objects, never strings.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    /** The parsed value, or null for a NULL column (or text that is not JSON). */
    public static JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static String write(List<String> values) {
        return values == null ? null : write(JSON.valueToTree(values));
    }

    public static String write(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
