package dev.agentkanban.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * API views as templates read them: plain maps, lists, strings, numbers and booleans. Going
 * through the views' own JSON keeps a page showing exactly what the API answers.
 */
final class Plain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plain() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object view) {
        return (Map<String, Object>) read(view);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object view) {
        return (List<Map<String, Object>>) read(view);
    }

    private static Object read(Object view) {
        try {
            byte[] json = view instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(view);
            return JSON.readValue(json, Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("An API view is not JSON", e);
        }
    }
}
