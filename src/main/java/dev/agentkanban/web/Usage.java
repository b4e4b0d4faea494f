package dev.agentkanban.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A machine's {@code usage_info}: the daemon's rate-limit windows (runtime, label, utilization,
 * resets_at) as a table, anything else it reports as label/value rows.
 */
final class Usage {

    private static final List<String> WINDOW = List.of("runtime", "label", "utilization", "resets_at");

    private Usage() {
    }

    static List<Map<String, Object>> windows(Object info) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (info instanceof Map<?, ?> map && map.get("windows") instanceof List<?> list) {
            for (Object w : list) {
                if (w instanceof Map<?, ?> window) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    WINDOW.forEach(k -> row.put(k, window.get(k)));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** Everything but the windows, flattened to dotted labels. */
    static List<Map<String, String>> rows(Object info) {
        List<Map<String, String>> out = new ArrayList<>();
        if (info instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!"windows".equals(k)) {
                    flatten(String.valueOf(k), v, out);
                }
            });
        } else {
            flatten("", info, out);
        }
        return out;
    }

    private static void flatten(String prefix, Object value, List<Map<String, String>> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else if (value != null) {
            out.add(Map.of("label", prefix, "value", String.valueOf(value)));
        }
    }
}
