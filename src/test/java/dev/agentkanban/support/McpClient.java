package dev.agentkanban.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Speaks MCP over streamable HTTP as a client such as Claude Code does: every message is one POST
 * to {@code /mcp} with the credential in {@code Authorization} (asked for anew per request, so an
 * agent signs a fresh JWT each time), {@code initialize} first, then the session id the server
 * handed out on every later request. Answers may come as JSON or as one SSE event.
 */
public final class McpClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<String> authorization;
    private final AtomicInteger ids = new AtomicInteger();
    private String sessionId;

    private McpClient(Supplier<String> authorization) {
        this.authorization = authorization;
    }

    public static McpClient withKey(String apiKey) {
        return new McpClient(() -> "Bearer " + apiKey);
    }

    public static McpClient as(Agent agent) {
        return signing(agent::token);
    }

    /** A client sending a bearer token from {@code tokens} on every request. */
    public static McpClient signing(Supplier<String> tokens) {
        return new McpClient(() -> "Bearer " + tokens.get());
    }

    /** {@code initialize} then {@code notifications/initialized}; returns the initialize result. */
    public JsonNode connect() {
        Response init = post(request("initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "test", "version", "1"))));
        if (init.statusCode() != 200) {
            throw new AssertionError("initialize answered " + init.statusCode() + ": " + init.asString());
        }
        sessionId = init.header("Mcp-Session-Id");
        Response initialized = post(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        if (initialized.statusCode() != 202) {
            throw new AssertionError("notifications/initialized answered " + initialized.statusCode());
        }
        return body(init).get("result");
    }

    /** A JSON-RPC request; returns the whole answer message (with {@code result} or {@code error}). */
    public JsonNode call(String method, Map<String, ?> params) {
        Response response = post(request(method, params));
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " answered HTTP " + response.statusCode() + ": " + response.asString());
        }
        return body(response);
    }

    /** {@code tools/call}; returns its result ({@code content}, {@code isError}). */
    public JsonNode tool(String name, Map<String, ?> arguments) {
        JsonNode answer = call("tools/call", Map.of("name", name, "arguments", arguments));
        if (answer.has("error")) {
            throw new AssertionError("tools/call " + name + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** The JSON text of a tool result's first content item. */
    public static JsonNode text(JsonNode result) {
        try {
            return JSON.readTree(result.at("/content/0/text").asText());
        } catch (Exception e) {
            throw new AssertionError("tool result is not JSON: " + result, e);
        }
    }

    /** A raw POST to the endpoint with this client's credential and session. */
    public Response post(Object message) {
        var spec = given().header("Authorization", authorization.get())
                .accept("application/json, text/event-stream").contentType(ContentType.JSON).body(message);
        if (sessionId != null) {
            spec.header("Mcp-Session-Id", sessionId);
        }
        return spec.post("/mcp");
    }

    private Map<String, Object> request(String method, Map<String, ?> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        message.put("params", params);
        return message;
    }

    private static JsonNode body(Response response) {
        String text = response.asString();
        String type = response.contentType();
        if (type != null && type.startsWith("text/event-stream")) {
            text = text.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                    .reduce((a, b) -> b).orElse("");
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not a JSON-RPC message: " + text, e);
        }
    }
}
