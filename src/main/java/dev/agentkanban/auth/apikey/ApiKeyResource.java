package dev.agentkanban.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.auth.Public;
import dev.agentkanban.auth.user.AuthResource;
import dev.agentkanban.auth.user.LoginSessions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Machine API keys of the signed-in user (auth spec 3.7). */
@Public
@Path("/api/auth/api-key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private static final long MIN_EXPIRY = 86_400;
    private static final long MAX_EXPIRY = 31_536_000;
    private static final List<String> SERVER_ONLY = List.of("remaining", "refillAmount", "refillInterval",
            "rateLimitEnabled", "rateLimitTimeWindow", "rateLimitMax", "permissions");
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

    @Inject
    ApiKeyService keys;

    @Inject
    LoginSessions sessions;

    @POST
    @Path("/create")
    public Map<String, Object> create(JsonNode body, @Context HttpServerRequest request) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.NullNode.instance : body;
        String userId = userId(request, AuthFlowException.unauthorizedSession());
        if (b.has("userId")) {
            throw AuthFlowException.unauthorizedSession();
        }
        rejectServerOnly(b);
        String name = name(b);
        if (b.hasNonNull("prefix") && !(b.get("prefix").isTextual() && PREFIX.matcher(b.get("prefix").asText())
                .matches())) {
            throw new AuthFlowException(400, "INVALID_PREFIX_LENGTH",
                    "The prefix length is either too large or too small.");
        }
        checkMetadata(b);
        ApiKeyService.Created created = keys.create(userId, name, expiresIn(b));
        Map<String, Object> view = ApiKeyViews.view(created.key());
        Map<String, Object> out = new LinkedHashMap<>();
        view.forEach((k, v) -> {
            out.put(k, v);
            if (k.equals("prefix")) {
                out.put("key", created.plaintext());
            }
        });
        return out;
    }

    @GET
    @Path("/get")
    public Map<String, Object> get(@QueryParam("id") String id, @Context HttpServerRequest request) {
        return ApiKeyViews.view(keys.find(userId(request, AuthFlowException.unauthorized()), id));
    }

    @GET
    @Path("/list")
    public Map<String, Object> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @Context HttpServerRequest request) {
        List<ApiKey> all = keys.list(userId(request, AuthFlowException.unauthorized()));
        int from = offset == null ? 0 : Math.max(0, Math.min(offset, all.size()));
        int to = limit == null ? all.size() : Math.max(from, Math.min(all.size(), from + Math.max(0, limit)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiKeys", all.subList(from, to).stream().map(ApiKeyViews::view).toList());
        out.put("total", all.size());
        if (limit != null) {
            out.put("limit", limit);
        }
        if (offset != null) {
            out.put("offset", offset);
        }
        return out;
    }

    @POST
    @Path("/update")
    public Map<String, Object> update(JsonNode body, @Context HttpServerRequest request) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.NullNode.instance : body;
        String userId = userId(request, AuthFlowException.unauthorizedSession());
        if (b.hasNonNull("userId") && !userId.equals(b.get("userId").asText())) {
            throw AuthFlowException.unauthorizedSession();
        }
        String keyId = b.hasNonNull("keyId") && b.get("keyId").isTextual() ? b.get("keyId").asText() : null;
        if (keyId == null) {
            throw AuthFlowException.validation("[body.keyId] Invalid input: expected string, received undefined");
        }
        rejectServerOnly(b);
        checkMetadata(b);
        String name = name(b);
        Boolean enabled = b.hasNonNull("enabled") && b.get("enabled").isBoolean() ? b.get("enabled").asBoolean() : null;
        boolean hasExpiry = b.has("expiresIn");
        if (name == null && enabled == null && !hasExpiry && !b.has("metadata")) {
            throw new AuthFlowException(400, "NO_VALUES_TO_UPDATE", "No values to update.");
        }
        Long expiresIn = expiresIn(b);
        return ApiKeyViews.view(keys.update(userId, keyId, name, enabled, expiresIn, hasExpiry && expiresIn == null));
    }

    @POST
    @Path("/delete")
    public Map<String, Object> delete(JsonNode body, @Context HttpServerRequest request) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.NullNode.instance : body;
        String keyId = b.hasNonNull("keyId") && b.get("keyId").isTextual() ? b.get("keyId").asText() : null;
        if (keyId == null) {
            throw AuthFlowException.validation("[body.keyId] Invalid input: expected string, received undefined");
        }
        String userId = userId(request, AuthFlowException.unauthorized());
        keys.find(userId, keyId);
        keys.delete(userId, keyId);
        return Map.of("success", true);
    }

    private String userId(HttpServerRequest request, AuthFlowException otherwise) {
        return sessions.find(AuthResource.bearer(request)).map(f -> f.user().id).orElseThrow(() -> otherwise);
    }

    private static void rejectServerOnly(JsonNode b) {
        for (String field : SERVER_ONLY) {
            if (b.has(field)) {
                throw new AuthFlowException(400, "SERVER_ONLY_PROPERTY",
                        "The property you're trying to set can only be set from the server auth instance only.");
            }
        }
    }

    private static String name(JsonNode b) {
        if (!b.hasNonNull("name")) {
            return null;
        }
        String name = b.get("name").asText();
        if (!b.get("name").isTextual() || name.isEmpty() || name.length() > 32) {
            throw new AuthFlowException(400, "INVALID_NAME_LENGTH", "The name length is either too large or too small.");
        }
        return name;
    }

    /** Metadata may be an object, but the machine binding inside it is the server's alone. */
    private static void checkMetadata(JsonNode b) {
        JsonNode metadata = b.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            throw new AuthFlowException(400, "INVALID_METADATA_TYPE", "metadata must be an object or undefined");
        }
        if (metadata.has("machineId")) {
            throw new AuthFlowException(400, "SERVER_ONLY_PROPERTY",
                    "The property you're trying to set can only be set from the server auth instance only.");
        }
    }

    private static Long expiresIn(JsonNode b) {
        JsonNode value = b.get("expiresIn");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw AuthFlowException.validation("[body.expiresIn] Invalid input: expected number");
        }
        long seconds = value.asLong();
        if (seconds < MIN_EXPIRY) {
            throw new AuthFlowException(400, "EXPIRES_IN_IS_TOO_SMALL",
                    "The expiresIn is smaller than the predefined minimum value.");
        }
        if (seconds > MAX_EXPIRY) {
            throw new AuthFlowException(400, "EXPIRES_IN_IS_TOO_LARGE",
                    "The expiresIn is larger than the predefined maximum value.");
        }
        return seconds;
    }
}
