package dev.agentkanban.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.McpClient;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MCP endpoint driven as an MCP client drives it: who gets in, the tools, a task's whole life. */
@QuarkusTest
class McpEndpointTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static final Map<String, Object> INITIALIZE = Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize",
            "params", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "test", "version", "1")));

    @Test
    void anonymousAndUserCallersAreRefusedBeforeAnyMcpMethod() {
        Response anonymous = given().accept("application/json, text/event-stream").contentType(ContentType.JSON)
                .body(INITIALIZE).post("/mcp");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.jsonPath().getInt("error.code")).isEqualTo(-32001);
        assertThat(anonymous.jsonPath().getString("error.message")).startsWith("Missing token");

        Response wrongKey = given().header("Authorization", "Bearer ak_not-a-key")
                .accept("application/json, text/event-stream").contentType(ContentType.JSON)
                .body(INITIALIZE).post("/mcp");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.jsonPath().getString("error.message")).isEqualTo("Invalid API key.");

        Response user = given().header("Authorization", "Bearer " + TEAM.get().tenant.token)
                .accept("application/json, text/event-stream").contentType(ContentType.JSON)
                .body(INITIALIZE).post("/mcp");
        assertThat(user.statusCode()).isEqualTo(401);
        assertThat(user.jsonPath().getString("error.message")).contains("machine API key or an agent JWT");
    }

    @Test
    void aMachineKeyConnectsAndListsTheTools() {
        McpClient mcp = McpClient.withKey(TEAM.get().machine.key);
        JsonNode init = mcp.connect();
        assertThat(init.at("/serverInfo/name").asText()).isEqualTo("agent-kanban");
        assertThat(init.at("/capabilities/tools").isObject()).isTrue();

        List<String> names = new ArrayList<>();
        mcp.call("tools/list", Map.of()).at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(KanbanTools.ROUTES.keySet());

        JsonNode boards = McpClient.text(mcp.tool("list_boards", Map.of()));
        assertThat(boards.isArray()).isTrue();
        assertThat(boards.findValuesAsText("id")).contains(TEAM.get().boardId);
        JsonNode agents = McpClient.text(mcp.tool("list_agents", Map.of()));
        assertThat(agents.findValuesAsText("id")).contains(TEAM.get().worker.id, TEAM.get().leader.id);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("mcp_server_connections_active").contains("mcp_server_requests_tools_call_seconds_count");
    }

    @Test
    void agentsWorkATaskThroughItsWholeLifeWithFreshJwtsPerRequest() {
        Team team = TEAM.get();
        McpClient leader = McpClient.as(team.leader);
        leader.connect();
        JsonNode created = McpClient.text(leader.tool("create_task", Map.of("title", "Write the MCP docs",
                "assigned_to", team.worker.id, "board_id", team.boardId, "repository_id", team.repoId,
                "labels", List.of("docs"))));
        String id = created.get("id").asText();
        assertThat(created.get("status").asText()).isEqualTo("todo");

        McpClient worker = McpClient.as(team.worker);
        worker.connect();
        assertThat(McpClient.text(worker.tool("claim_task", Map.of("task_id", id))).get("status").asText())
                .isEqualTo("in_progress");
        worker.tool("add_note", Map.of("task_id", id, "detail", "Drafted the README section"));
        JsonNode reviewed = McpClient.text(worker.tool("review_task",
                Map.of("task_id", id, "pr_url", "https://github.com/acme/api/pull/7")));
        assertThat(reviewed.get("status").asText()).isEqualTo("in_review");

        JsonNode read = McpClient.text(leader.tool("get_task", Map.of("task_id", id)));
        assertThat(read.at("/task/title").asText()).isEqualTo("Write the MCP docs");
        assertThat(read.get("notes").findValuesAsText("action")).contains("created", "claimed", "commented");
        assertThat(read.get("notes").findValuesAsText("detail")).contains("Drafted the README section");

        JsonNode rejected = McpClient.text(leader.tool("reject_task", Map.of("task_id", id, "reason", "Add a table")));
        assertThat(rejected.get("status").asText()).isEqualTo("in_progress");
        worker.tool("review_task", Map.of("task_id", id));
        JsonNode done = McpClient.text(leader.tool("complete_task", Map.of("task_id", id, "result", "Merged")));
        assertThat(done.get("status").asText()).isEqualTo("done");

        JsonNode listed = McpClient.text(worker.tool("list_tasks", Map.of("board_id", team.boardId, "status", "done")));
        assertThat(listed.findValuesAsText("id")).contains(id);
    }

    @Test
    void clientErrorsAreFailedToolResultsWithTheRoutesEnvelope() {
        Team team = TEAM.get();
        McpClient worker = McpClient.as(team.worker);
        worker.connect();
        String id = team.task("Claimed twice");
        worker.tool("claim_task", Map.of("task_id", id));

        JsonNode again = worker.tool("claim_task", Map.of("task_id", id));
        assertThat(again.get("isError").asBoolean()).isTrue();
        JsonNode error = McpClient.text(again);
        assertThat(error.get("status").asInt()).isEqualTo(409);
        assertThat(error.at("/error/message").asText()).isEqualTo("Cannot claim from in_progress (allowed from: todo)");

        JsonNode forbidden = worker.tool("complete_task", Map.of("task_id", id));
        assertThat(forbidden.get("isError").asBoolean()).isTrue();
        assertThat(McpClient.text(forbidden).at("/error/message").asText())
                .isEqualTo("user or machine or agent:leader required");

        JsonNode missing = worker.tool("add_note", Map.of("task_id", id, "detail", ""));
        assertThat(McpClient.text(missing).at("/error/message").asText()).isEqualTo("detail is required");
    }

    @Test
    void protocolErrorsAreJsonRpcErrorsNotHttpFailures() {
        McpClient mcp = McpClient.withKey(TEAM.get().machine.key);
        mcp.connect();
        JsonNode unknown = mcp.call("tools/call", Map.of("name", "drop_database", "arguments", Map.of()));
        assertThat(unknown.get("error").get("code").asInt()).isNegative();

        JsonNode noArgument = mcp.call("tools/call", Map.of("name", "claim_task", "arguments", Map.of()));
        assertThat(noArgument.has("error") || noArgument.at("/result/isError").asBoolean()).isTrue();

        JsonNode badMethod = mcp.call("no/such/method", Map.of());
        assertThat(badMethod.at("/error/code").asInt()).isEqualTo(-32601);
    }
}
