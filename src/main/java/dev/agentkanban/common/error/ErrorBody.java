package dev.agentkanban.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one error shape every route answers with: {@code {"error":{"code":…,"message":…}}}. */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static Map<String, Object> of(String code, String message, Map<String, Object> extra) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.putAll(extra);
        return Map.of("error", error);
    }

    public static Response response(int status, String code, String message) {
        return response(status, code, message, Map.of());
    }

    public static Response response(int status, String code, String message, Map<String, Object> extra) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(of(code, message, extra))
                .build();
    }

    public static Response response(ApiException e) {
        return response(e.status(), e.code(), e.getMessage(), e.extra());
    }
}
