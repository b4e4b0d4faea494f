package dev.agentkanban.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.McpClient;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool, called by every identity the endpoint admits, answers what its HTTP route answers the
 * same identity for the same input: the same refusal (403 and its message), the same not-found or
 * validation error, or success on both.
 */
@QuarkusTest
class McpPermissionParityTest {

    private static final Team.PerClass TEAM = new Team.PerClass();
    private static final String TASK = "/api/tasks/zzzzzzzzzzzz";
    private static final String NO_TASK = "zzzzzzzzzzzz";

    /** A tool call and the HTTP request its route receives for the same input. */
    record Case(String tool, Map<String, Object> arguments, String method, String path, Map<String, Object> body) {
        @Override
        public String toString() {
            return tool;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("list_boards", Map.of(), "GET", "/api/boards", null),
            new Case("list_tasks", Map.of("status", "done"), "GET", "/api/tasks?status=done", null),
            new Case("get_task", Map.of("task_id", NO_TASK), "GET", TASK, null),
            new Case("create_task", Map.of("title", "t", "assigned_to", "ffffffffffffffff", "board_id", "zzzzzzzz"),
                    "POST", "/api/tasks", Map.of("title", "t", "assigned_to", "ffffffffffffffff", "board_id", "zzzzzzzz")),
            new Case("update_task", Map.of("task_id", NO_TASK, "title", "t"), "PATCH", TASK, Map.of("title", "t")),
            new Case("claim_task", Map.of("task_id", NO_TASK), "POST", TASK + "/claim", null),
            new Case("review_task", Map.of("task_id", NO_TASK), "POST", TASK + "/review", Map.of()),
            new Case("complete_task", Map.of("task_id", NO_TASK), "POST", TASK + "/complete", Map.of()),
            new Case("reject_task", Map.of("task_id", NO_TASK), "POST", TASK + "/reject", Map.of()),
            new Case("cancel_task", Map.of("task_id", NO_TASK), "POST", TASK + "/cancel", null),
            new Case("add_note", Map.of("task_id", NO_TASK, "detail", "d"), "POST", TASK + "/notes",
                    Map.of("detail", "d")),
            new Case("list_agents", Map.of(), "GET", "/api/agents", null));

    /** One MCP session per identity, as a client keeps its session across calls. */
    private static final Map<String, McpClient> CLIENTS = new ConcurrentHashMap<>();

    private static McpClient connected(McpClient client) {
        client.connect();
        return client;
    }

    static Stream<Arguments> cases() {
        assertThat(CASES.stream().map(Case::tool)).containsExactlyInAnyOrderElementsOf(KanbanTools.ROUTES.keySet());
        return CASES.stream().flatMap(c -> Stream.of("machine", "worker", "leader").map(who -> Arguments.of(c, who)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void toolAnswersAsItsRouteDoes(Case c, String who) {
        Team team = TEAM.get();
        Supplier<RequestSpecification> http;
        McpClient mcp;
        switch (who) {
            case "machine" -> {
                http = team.machine::request;
                mcp = CLIENTS.computeIfAbsent(who, w -> connected(McpClient.withKey(team.machine.key)));
            }
            case "worker" -> {
                http = team.worker::request;
                mcp = CLIENTS.computeIfAbsent(who, w -> connected(McpClient.as(team.worker)));
            }
            default -> {
                Agent leader = team.leader;
                http = leader::request;
                mcp = CLIENTS.computeIfAbsent(who, w -> connected(McpClient.as(leader)));
            }
        }
        RequestSpecification request = http.get();
        if (c.body() != null) {
            request.body(c.body());
        }
        Response route = request.request(c.method(), c.path());

        JsonNode result = mcp.tool(c.tool(), c.arguments());
        if (route.statusCode() < 300) {
            assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
            return;
        }
        assertThat(result.get("isError").asBoolean()).as(result.toString()).isTrue();
        JsonNode error = McpClient.text(result);
        assertThat(error.get("status").asInt()).isEqualTo(route.statusCode());
        assertThat(error.at("/error/message").asText()).isEqualTo(route.jsonPath().getString("error.message"));
        assertThat(error.at("/error/code").asText()).isEqualTo(route.jsonPath().getString("error.code"));
    }
}
