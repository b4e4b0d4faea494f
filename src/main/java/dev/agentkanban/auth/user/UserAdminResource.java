package dev.agentkanban.auth.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.auth.Public;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User administration at the auth library's paths (auth spec 3.8); admins only. */
@Public
@Path("/api/auth/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserAdminResource {

    @Inject
    LoginSessions sessions;

    @Inject
    UserAdminService users;

    @GET
    @Path("/list-users")
    public Map<String, Object> listUsers(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @QueryParam("searchField") String searchField, @QueryParam("searchValue") String searchValue,
            @QueryParam("searchOperator") String searchOperator, @Context HttpServerRequest request) {
        admin(request, "LIST_USERS", "list users");
        UserAdminService.Page page = users.list(limit, offset, searchField, searchValue, searchOperator);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", page.users().stream().map(AuthViews::user).toList());
        out.put("total", page.total());
        if (limit != null) {
            out.put("limit", limit);
        }
        if (offset != null && offset != 0) {
            out.put("offset", offset);
        }
        return out;
    }

    @POST
    @Path("/ban-user")
    public Map<String, Object> ban(JsonNode body, @Context HttpServerRequest request) {
        User self = admin(request, "BAN_USERS", "ban users");
        String userId = userId(body);
        if (userId.equals(self.id)) {
            throw new AuthFlowException(400, "YOU_CANNOT_BAN_YOURSELF", "You cannot ban yourself");
        }
        String reason = body.hasNonNull("banReason") ? body.get("banReason").asText() : "No reason";
        Long expiresIn = body.hasNonNull("banExpiresIn") && body.get("banExpiresIn").canConvertToLong()
                ? body.get("banExpiresIn").asLong() : null;
        return Map.of("user", AuthViews.user(users.ban(userId, reason, expiresIn)));
    }

    @POST
    @Path("/unban-user")
    public Map<String, Object> unban(JsonNode body, @Context HttpServerRequest request) {
        admin(request, "BAN_USERS", "ban users");
        return Map.of("user", AuthViews.user(users.unban(userId(body))));
    }

    @POST
    @Path("/set-role")
    public Map<String, Object> setRole(JsonNode body, @Context HttpServerRequest request) {
        admin(request, "CHANGE_USERS_ROLE", "change users role");
        JsonNode role = body == null ? null : body.get("role");
        String value;
        if (role != null && role.isArray()) {
            List<String> roles = new java.util.ArrayList<>();
            role.forEach(r -> roles.add(r.asText()));
            value = String.join(",", roles);
        } else if (role != null && role.isTextual()) {
            value = role.asText();
        } else {
            throw AuthFlowException.validation("[body.role] Invalid input: expected string");
        }
        return Map.of("user", AuthViews.user(users.setRole(userId(body), value)));
    }

    @POST
    @Path("/remove-user")
    public Map<String, Object> remove(JsonNode body, @Context HttpServerRequest request) {
        User self = admin(request, "DELETE_USERS", "delete users");
        String userId = userId(body);
        if (userId.equals(self.id)) {
            throw new AuthFlowException(400, "YOU_CANNOT_REMOVE_YOURSELF", "You cannot remove yourself");
        }
        users.remove(userId);
        return Map.of("success", true);
    }

    @POST
    @Path("/list-user-sessions")
    public Map<String, Object> listSessions(JsonNode body, @Context HttpServerRequest request) {
        admin(request, "LIST_USERS_SESSIONS", "list users sessions");
        List<LoginSession> list = users.sessions(userId(body));
        return Map.of("sessions", list.stream().map(s -> AuthViews.session(s, null)).toList());
    }

    @POST
    @Path("/revoke-user-session")
    public Map<String, Object> revokeSession(JsonNode body, @Context HttpServerRequest request) {
        admin(request, "REVOKE_USERS_SESSIONS", "revoke users sessions");
        JsonNode token = body == null ? null : body.get("sessionToken");
        if (token == null || !token.isTextual()) {
            throw AuthFlowException.validation("[body.sessionToken] Invalid input: expected string");
        }
        sessions.revoke(token.asText());
        return Map.of("success", true);
    }

    @POST
    @Path("/revoke-user-sessions")
    public Map<String, Object> revokeSessions(JsonNode body, @Context HttpServerRequest request) {
        admin(request, "REVOKE_USERS_SESSIONS", "revoke users sessions");
        users.revokeSessions(userId(body));
        return Map.of("success", true);
    }

    /** Signed-in admin, else 401 with an empty body or 403 naming the action. */
    private User admin(HttpServerRequest request, String code, String action) {
        User user = sessions.find(AuthResource.bearer(request)).map(LoginSessions.Found::user)
                .orElseThrow(() -> new WebApplicationException(Response.status(401)
                        .type(MediaType.APPLICATION_JSON).entity("").build()));
        if (!user.isAdmin()) {
            throw new AuthFlowException(403, "YOU_ARE_NOT_ALLOWED_TO_" + code, "You are not allowed to " + action);
        }
        return user;
    }

    private static String userId(JsonNode body) {
        JsonNode id = body == null ? null : body.get("userId");
        if (id == null || !id.isTextual()) {
            throw AuthFlowException.validation("[body.userId] Invalid input: expected string, received undefined");
        }
        return id.asText();
    }
}
