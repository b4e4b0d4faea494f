package dev.agentkanban.conformance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Server;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 3 and 4: what every call of the client looks like and what it needs back —
 * body-less POSTs with the JSON content type, form-encoded filters, a JSON body on every answer
 * (DELETEs and errors included), 201 for creates, and the agent JWT built per request.
 */
@QuarkusTest
class HttpConventionsFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void bodylessPostsWithTheJsonContentTypeAreAccepted() {
        Team t = team();
        Agent worker = t.machine.session(t.worker.id);
        String id = t.task("Claimed without a body");
        worker.cli().post("/api/tasks/" + id + "/claim").expect(200).is("status", "in_progress");
        t.machine.cli().post("/api/tasks/" + id + "/release").expect(200).is("status", "todo");
        String session = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId;
        t.machine.cli().delete(session).expect(200).is("ok", true);
        t.machine.cli().post(session + "/reopen").expect(200).is("ok", true);
        // cancel is sent with {}.
        worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        t.leader.cli().post("/api/tasks/" + id + "/cancel", Map.of()).expect(200).is("status", "cancelled");
    }

    @Test
    void filtersArriveDecodedAsUrlSearchParamsEncodedThem() {
        Team t = team();
        String spaced = "needs review " + UUID.randomUUID();
        String id = t.task("Labelled", Map.of("labels", List.of(spaced, "area:api/v1")));
        assertThat(Cli.form(spaced)).contains("+").doesNotContain(" ");
        assertThat(Cli.form("area:api/v1")).isEqualTo("area%3Aapi%2Fv1");
        Cli ak = t.leader.cli();
        ak.get("/api/tasks", Map.of("board_id", t.boardId, "label", spaced)).expect(200).at("/0").is("id", id);
        ak.get("/api/tasks", Map.of("board_id", t.boardId, "label", "area:api/v1")).expect(200).find("id", id);
        ak.get("/api/repositories", Map.of("url", t.repoUrl)).expect(200).at("/0").is("id", t.repoId);
        String created = ak.get("/api/tasks/" + id + "/notes").expect(200).at("/0").text("created_at");
        ak.post("/api/tasks/" + id + "/notes", Map.of("detail", "Later")).expect(201);
        assertThat(ak.get("/api/tasks/" + id + "/notes", Map.of("since", created)).expect(200).node())
                .hasSize(1);
    }

    @Test
    void everyAnswerIsJsonAndCreatesAre201() {
        Team t = team();
        Cli ak = t.leader.cli();
        String board = ak.post("/api/boards", Map.of("name", "Short-lived " + UUID.randomUUID(), "type", "ops"))
                .expect(201).text("id");
        String task = ak.post("/api/tasks", Map.of("title", "Short-lived", "board_id", board,
                "assigned_to", t.worker.id)).expect(201).text("id");
        String repo = ak.post("/api/repositories", Map.of("name", "tmp", "url", "https://github.com/acme/"
                + UUID.randomUUID())).expect(201).text("id");
        ak.post("/api/tasks/" + task + "/notes", Map.of("detail", "Noted")).expect(201);
        ak.post("/api/tasks/" + task + "/messages", Map.of("sender_type", "agent", "content", "Hi")).expect(201);

        ak.delete("/api/tasks/" + task).expect(200).is("ok", true);
        ak.delete("/api/repositories/" + repo).expect(200).is("ok", true);
        ak.delete("/api/boards/" + board).expect(200).is("ok", true);
        // Errors of every layer are the envelope, unknown routes included.
        ak.get("/api/boards/" + board).error(404, "Board not found");
        ak.get("/api/nothing-here").expect(404).at("/error").strings("code", "message");
        t.worker.cli().delete("/api/boards/" + t.boardId).error(403, "user or agent:leader required");
    }

    @Test
    void theAgentJwtIsTheClientsAndItsOneRetryReusesIt() throws Exception {
        Team t = team();
        String token = t.worker.token();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JSON.readTree(Base64Url.decode(parts[0]));
        assertThat(header.toString()).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"agent+jwt\"}");
        JsonNode claims = JSON.readTree(new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(claims.get("sub").asText()).isEqualTo(t.worker.sessionId);
        assertThat(claims.get("aid").asText()).isEqualTo(t.worker.id);
        assertThat(claims.get("aud").asText()).isEqualTo(Server.url()).doesNotEndWith("/");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(60);
        assertThat(UUID.fromString(claims.get("jti").asText()).version()).isEqualTo(4);
        assertThat(claims.has("iss")).isFalse();

        Cli once = Cli.withToken(token);
        once.get("/api/agents").expect(200);
        // The retry after a connection reset reuses the token: accepted risk, a 401 with a JSON body.
        once.get("/api/agents").error(401,
                "Invalid agent session: 401 {\"error\":\"jti_replay\",\"message\":\"JWT has already been used\"}");
        // Only the Authorization header carries agent JWTs; the query form is for API keys (the relay socket).
        given().queryParam("token", t.worker.token()).get("/api/agents").then().statusCode(401)
                .body("error.message", equalTo("Invalid or expired token"));
    }
}
