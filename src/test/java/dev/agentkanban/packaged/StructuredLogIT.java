package dev.agentkanban.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.McpClient;
import dev.agentkanban.support.SseClient;
import dev.agentkanban.support.Team;
import dev.agentkanban.support.Tenant;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with JSON logs switched on as the README says ({@code AK_LOG_JSON=true}) and
 * everything at DEBUG, driven through a whole flow: sign-up, an API key, a machine, agents calling
 * with JWTs, a task worked, a stream opened with {@code ?token=}, MCP calls. The log must be one
 * JSON object per line, carry the request id on the lines of a request, and contain none of the
 * secrets the flow used.
 */
class StructuredLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private int savedPort;

    @AfterEach
    void restorePort() {
        RestAssured.port = savedPort;
    }

    @Test
    void jsonLinesWithRequestIdsAndNoSecret() throws Exception {
        Path log = dir.resolve("server.log");
        List<String> secrets = new ArrayList<>();
        String requestId = "it-" + UUID.randomUUID();
        try (ServerProcess server = ServerProcess.start(dir.resolve("ak.db"), log,
                Map.of("AK_LOG_JSON", "true", "QUARKUS_LOG_LEVEL", "DEBUG"))) {
            assertThat(server.awaitReady(Duration.ofSeconds(90))).as("server started").isTrue();
            savedPort = RestAssured.port;
            RestAssured.port = server.port;

            secrets.add(Tenant.PASSWORD);
            Team team = Team.create();
            secrets.add(team.tenant.token);
            secrets.add(team.machine.key);
            Agent worker = team.worker;
            String id = team.task("Logged");
            String claim = worker.token();
            secrets.add(claim);
            given().header("Authorization", "Bearer " + claim).header("X-Request-Id", requestId)
                    .post("/api/tasks/" + id + "/claim").then().statusCode(200).header("X-Request-Id", requestId);
            String replayed = claim;
            given().header("Authorization", "Bearer " + replayed).get("/api/tasks/" + id).then().statusCode(401);
            try (SseClient stream = SseClient.open("/api/tasks/" + id + "/stream?token=" + team.tenant.token, null)) {
                assertThat(stream.status).isEqualTo(200);
            }
            String note = worker.token();
            secrets.add(note);
            given().header("Authorization", "Bearer " + note).contentType("application/json")
                    .body(Map.of("detail", "halfway")).post("/api/tasks/" + id + "/notes").then().statusCode(201);
            List<String> mcpTokens = new ArrayList<>();
            McpClient mcp = McpClient.signing(() -> {
                String token = worker.token();
                mcpTokens.add(token);
                return token;
            });
            mcp.connect();
            mcp.tool("review_task", Map.of("task_id", id));
            secrets.addAll(mcpTokens);
            McpClient.withKey(team.machine.key).connect();
            given().header("Authorization", "Bearer " + team.tenant.token).contentType("application/json")
                    .body(Map.of("name", "second")).post("/api/auth/api-key/create").then().statusCode(200)
                    .extract().path("key");
            server.stop();
        }

        List<String> lines = Files.readAllLines(log);
        String text = String.join("\n", lines);
        for (String secret : secrets) {
            assertThat(text).as("a secret of the flow reached the log").doesNotContain(secret);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            records.add(JSON.readTree(line));
        }
        assertThat(records).allSatisfy(r -> assertThat(r.has("message") && r.has("level")).isTrue());
        assertThat(records).anySatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("DEBUG"));

        // The claim request: every line a worker thread wrote while serving it names its id.
        int first = -1;
        int last = -1;
        for (int i = 0; i < records.size(); i++) {
            if (requestId.equals(records.get(i).at("/mdc/requestId").asText(null))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        assertThat(first).as("lines of the claim request carry its id").isNotNegative();
        for (JsonNode r : records.subList(first, last + 1)) {
            if (r.path("threadName").asText().startsWith("executor-thread")) {
                assertThat(r.at("/mdc/requestId").asText(null)).as(r.toString()).isEqualTo(requestId);
            }
        }
    }
}
