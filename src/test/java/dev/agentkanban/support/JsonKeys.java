package dev.agentkanban.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The field names of a JSON object in the order the server wrote them. */
public final class JsonKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonKeys() {
    }

    /** Keys of the object at {@code pointer} (e.g. {@code ""}, {@code "/0"}, {@code "/tasks/0"}). */
    public static List<String> of(String json, String pointer) {
        try {
            JsonNode node = JSON.readTree(json).at(pointer);
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
