package dev.agentkanban.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import dev.agentkanban.common.web.Truthiness;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/agents}, checked in the order of auth spec 5.4 (checks 1-5, and
 * the Java kind check right after the runtime); the uniqueness checks 6-7 need the database.
 */
public record NewAgent(String username, String runtime, String name, String kind, String bio, String soul,
        String role, String model, List<String> handoffTo, List<String> skills) {

    public static final List<String> RUNTIMES = List.of("claude", "codex", "gemini");
    public static final String RESERVED_ROLE = "quality-goalkeeper";
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$");

    public static NewAgent parse(JsonNode json) {
        Body body = Body.of(json);
        if (!Truthiness.of(json.get("username"))) {
            throw ApiException.badRequest("username is required");
        }
        if (!Truthiness.of(json.get("runtime"))) {
            throw ApiException.badRequest("runtime is required");
        }
        String username = body.string("username", Body.MAX_SHORT);
        String runtime = body.string("runtime", Body.MAX_SHORT);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("Invalid username \"" + username + "\"");
        }
        checkRuntime(runtime);
        String kind = body.string("kind", Body.MAX_SHORT);
        if (kind == null) {
            kind = Agent.WORKER;
        } else if (!kind.equals(Agent.WORKER) && !kind.equals(Agent.LEADER)) {
            throw ApiException.badRequest("Invalid kind \"" + kind + "\". Must be one of: worker, leader");
        }
        String role = body.string("role", Body.MAX_SHORT);
        if (RESERVED_ROLE.equals(role)) {
            throw ApiException.forbidden("Role \"" + role + "\" is reserved for built-in agents");
        }
        String name = body.string("name");
        return new NewAgent(username, runtime, name == null || name.isEmpty() ? username : name, kind,
                body.string("bio"), body.string("soul"), role, body.string("model", Body.MAX_SHORT),
                body.strings("handoff_to"), body.strings("skills"));
    }

    public static void checkRuntime(String runtime) {
        if (!RUNTIMES.contains(runtime)) {
            throw ApiException.badRequest("Invalid runtime \"" + runtime + "\". Must be one of: claude, codex, gemini");
        }
    }

    public boolean leader() {
        return Agent.LEADER.equals(kind);
    }
}
