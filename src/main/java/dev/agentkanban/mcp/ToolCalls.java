package dev.agentkanban.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.RouteRule;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.error.ErrorBody;
import dev.agentkanban.common.error.ErrorMappers;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one tool call as its HTTP route would: the caller admitted by {@link McpGate}, checked
 * against the rules of the routes the tool stands for, then the same service call. A refusal or a
 * client error becomes a failed tool result carrying the route's status and error envelope.
 */
@ApplicationScoped
public class ToolCalls {

    @Inject
    CurrentVertxRequest request;

    @Inject
    ObjectMapper json;

    public String run(Function<Identity, Object> action, RouteRule... rules) {
        try {
            Identity who = McpGate.identity(request.getCurrent());
            for (RouteRule rule : rules) {
                rule.check(who);
            }
            Object result = action.apply(who);
            return result instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tool result is not serialisable", e);
        } catch (RuntimeException e) {
            ApiException refusal = ErrorMappers.expected(e);
            if (refusal == null) {
                throw e;
            }
            throw new ToolCallException(envelope(refusal));
        }
    }

    private String envelope(ApiException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", e.status());
        out.putAll(ErrorBody.of(e.code(), e.getMessage(), e.extra()));
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException impossible) {
            return e.getMessage();
        }
    }
}
