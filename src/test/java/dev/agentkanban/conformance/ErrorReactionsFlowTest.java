package dev.agentkanban.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Reply;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 11, on a server whose minimum CLI version is the client's own (1.4.0): the
 * version gate's 426 and where it does not apply, and the error statuses the one-shot commands
 * print and the daemon classifies, each with the JSON envelope the client reads.
 */
@QuarkusTest
@TestProfile(ErrorReactionsFlowTest.MinimumCli.class)
class ErrorReactionsFlowTest {

    /** {@code MIN_CLI_VERSION=1.4.0}. */
    public static class MinimumCli implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("min-cli-version", "1.4.0");
        }
    }

    private static final String UPGRADE = "CLI v1.3.0 is no longer supported. Minimum required: v1.4.0. "
            + "Run `ak upgrade` to update.";

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void anOutdatedDaemonCannotRegisterOrPollButKeepsHeartbeating() {
        Team t = team();
        Cli old = t.machine.cli().version("1.3.0");
        Reply refused = old.post("/api/machines", Machine.registration(t.machine.deviceId));
        refused.error(426, UPGRADE).is("code", "CLI_UPGRADE_REQUIRED").is("min_version", "1.4.0");
        old.get("/api/tasks", Map.of("status", "todo")).error(426, UPGRADE);
        old.post("/api/machines/" + t.machine.id + "/heartbeat", Map.of("version", "1.3.0",
                "runtimes", List.of("Claude Code"))).expect(200);

        // The current CLI, a newer one and callers without the header all pass.
        t.machine.cli().post("/api/machines", Machine.registration(t.machine.deviceId)).expect(201);
        t.machine.cli().version("1.5.0").get("/api/tasks", Map.of("status", "todo")).expect(200);
        t.machine.cli().version(null).get("/api/tasks", Map.of("status", "todo")).expect(200);
    }

    @Test
    void anOutdatedAgentCommandGets426AfterAuthenticationAndPermissions() {
        Team t = team();
        t.worker.cli().version("1.3.0").get("/api/boards").error(426, UPGRADE);
        t.worker.cli().get("/api/boards").expect(200);
        // 401 and 403 come first.
        Cli.withKey("ak_" + "x".repeat(64)).version("1.3.0").get("/api/agents").expect(401);
        t.worker.cli().version("1.3.0").post("/api/boards", Map.of("name", "x", "type", "dev"))
                .error(403, "user or agent:leader required");
        // The gate is not applied to the web app's auth routes and public routes.
        t.tenant.asUser().header("X-CLI-Version", "1.3.0").get("/api/auth/api-key/list").then().statusCode(200);
        given().header("X-CLI-Version", "1.3.0").get("/api/ping").then().statusCode(200).body("pong", equalTo(true));
    }

    @Test
    void everyErrorStatusTheClientReactsToCarriesTheEnvelope() {
        Team t = team();
        Cli leader = t.leader.cli();
        // 400: printed as is.
        leader.post("/api/tasks", Map.of("board_id", t.boardId, "assigned_to", t.worker.id))
                .error(400, "title is required");
        leader.post("/api/tasks", Map.of("title", "No repo", "board_id", t.boardId, "assigned_to", t.worker.id))
                .error(400, "repository_id is required for dev board tasks");
        // 401: an unknown key (fatal for a starting daemon), a token that is no longer valid.
        Cli.withKey("ak_" + "y".repeat(64)).post("/api/machines", Machine.registration("00ff00ff00ff00ff"))
                .error(401, "Invalid API key.").is("code", "INVALID_API_KEY");
        Cli.withToken("not-a-session-token").get("/api/boards").error(401, "Invalid or expired token")
                .is("code", "UNAUTHORIZED");
        // 403: the route's identity list.
        t.worker.cli().post("/api/tasks/zzzzzzzzzzzz/release").error(403, "machine required").is("code", "FORBIDDEN");
        // 404: the daemon reads "gone".
        t.machine.cli().get("/api/tasks/zzzzzzzzzzzz").error(404, "Task not found");
        t.machine.cli().get("/api/agents/ffffffffffffffff").error(404, "Agent not found");
        // 409: agents are told to stop when a claim fails.
        String id = t.task("Someone else's");
        Agent stranger = t.newWorker();
        stranger.cli().post("/api/tasks/" + id + "/claim").error(409, "Task is not assigned to this agent");
    }
}
