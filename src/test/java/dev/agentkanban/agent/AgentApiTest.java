package dev.agentkanban.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.board.BoardCreated;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentApiTest {

    static final List<String> AGENT_FIELDS = List.of("id", "owner_id", "name", "username", "gpg_subkey_id", "bio",
            "soul", "role", "kind", "handoff_to", "runtime", "model", "skills", "public_key", "fingerprint",
            "builtin", "created_at", "updated_at");

    @Inject
    AgroalDataSource db;

    @Inject
    Event<BoardCreated> boardCreated;

    @Test
    void createAnswersTheAgentObjectAndNeverASecret() {
        Machine m = Tenant.create().machine();
        String username = Machine.uniqueUsername();
        var response = m.request().body(Map.of("username", username, "runtime", "codex", "kind", "leader",
                        "skills", List.of("obra/superpowers@tdd"), "handoff_to", List.of("enduser"), "model", "o3"))
                .post("/api/agents").then().statusCode(201)
                .body("name", equalTo(username))
                .body("owner_id", equalTo(m.tenant.userId))
                .body("builtin", equalTo(0))
                .body("bio", nullValue())
                .body("skills", contains("obra/superpowers@tdd"))
                .body("handoff_to", contains("enduser"))
                .body("$", not(hasKey("private_key")))
                .body("$", not(hasKey("mailbox_token")))
                .body("$", not(hasKey("email")))
                .extract();
        assertThat(response.jsonPath().getMap("$").keySet()).containsExactlyElementsOf(AGENT_FIELDS);
        String id = response.path("id");
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat((String) response.path("gpg_subkey_id")).isEqualTo(id.toUpperCase());
        assertThat((String) response.path("fingerprint")).matches("[0-9a-f]{40}").endsWith(id);
        assertThat((String) response.path("public_key")).matches("[A-Za-z0-9_-]{43}");
        assertThat((String) response.path("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void createValidatesInTheSpecOrder() {
        Tenant t = Tenant.create();
        String taken = Machine.uniqueUsername();
        create(t, Map.of("username", taken, "runtime", "claude")).statusCode(201);

        bad(t, Map.of(), 400, "username is required");
        bad(t, Map.of("username", "", "runtime", "nope"), 400, "username is required");
        bad(t, Map.of("username", "Bad_Name"), 400, "runtime is required");
        bad(t, Map.of("username", "Bad_Name", "runtime", "nope"), 400, "Invalid username \"Bad_Name\"");
        bad(t, Map.of("username", "ok-name", "runtime", "claude-code"), 400,
                "Invalid runtime \"claude-code\". Must be one of: claude, codex, gemini");
        bad(t, Map.of("username", "ok-name", "runtime", "claude", "kind", "boss"), 400,
                "Invalid kind \"boss\". Must be one of: worker, leader");
        bad(t, Map.of("username", taken, "runtime", "claude", "role", "quality-goalkeeper"), 403,
                "Role \"quality-goalkeeper\" is reserved for built-in agents");
        bad(t, Map.of("username", "a".repeat(41), "runtime", "claude"), 400,
                "Invalid username \"" + "a".repeat(41) + "\"");
        for (String wrong : List.of("-ab", "ab-", "a b", "ÄB")) {
            bad(t, Map.of("username", wrong, "runtime", "claude"), 400, "Invalid username \"" + wrong + "\"");
        }
        bad(t, Map.of("username", Machine.uniqueUsername(), "runtime", "claude", "skills", "x"), 400,
                "skills must be an array of strings");
        bad(t, Map.of("username", 7, "runtime", "claude"), 400, "username must be a string");
        t.asUser().body("{\"username\":").post("/api/agents").then().statusCode(400);

        String one = Long.toString(System.nanoTime(), 36);
        create(t, Map.of("username", "z" + one.substring(one.length() - 6) + "-" + "b".repeat(30), "runtime",
                "gemini")).statusCode(201);
    }

    @Test
    void restoreFindsTheOneLeaderOfTheRuntimeWithEveryFieldTheClientReads() {
        Machine m = Tenant.create().machine();
        String leaderId = m.request().body(Map.of("username", Machine.uniqueUsername(), "name", "Alex Chen",
                "runtime", "claude", "kind", "leader")).post("/api/agents").then().statusCode(201).extract().path("id");
        m.worker();
        m.leader("codex");

        JsonPath list = m.request().get("/api/agents").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> leaders = list.getList("findAll { it.kind == 'leader' && it.runtime == 'claude' }");
        assertThat(leaders).hasSize(1);
        Map<String, Object> leader = leaders.get(0);
        assertThat(leader.get("id")).isEqualTo(leaderId);
        assertThat(leader.get("name")).isEqualTo("Alex Chen");
        assertThat((String) leader.get("fingerprint")).matches("[0-9a-f]{40}");
        assertThat(leader.get("builtin")).isEqualTo(0);
        assertThat(leader).containsEntry("role", null).containsEntry("bio", null).containsEntry("status", "offline");
        assertThat(leader.get("email")).isEqualTo(leader.get("username") + "@mails.agent-kanban.dev");
        assertThat(leader.keySet()).containsAll(AGENT_FIELDS).contains("status", "last_active_at", "task_count",
                "input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens", "cost_micro_usd");
        // Newest first.
        assertThat(list.getList("id")).hasSize(3).last().isEqualTo(leaderId);
    }

    @Test
    void getOneCarriesActivityUsageAndLogs() throws SQLException {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent worker = m.worker();
        m.request().body(Map.of("input_tokens", 100, "output_tokens", 20, "cache_read_tokens", 3,
                        "cache_creation_tokens", 4, "cost_micro_usd", 5))
                .patch("/api/agents/" + worker.id + "/sessions/" + worker.sessionId + "/usage").then().statusCode(200);
        Agent second = m.session(worker.id);
        second.request().body(Map.of("input_tokens", 1)).patch("/api/agents/" + worker.id + "/sessions/"
                + second.sessionId + "/usage").then().statusCode(200);
        m.request().delete("/api/agents/" + worker.id + "/sessions/" + second.sessionId).then().statusCode(200);
        String board = board(t.userId);
        task(board, "Write the parser", worker.id, "in_progress");
        String task = task(board, "Ship it", worker.id, "done");
        action(task, worker.id, "claimed", "2026-01-01T00:00:00.000Z");
        action(task, worker.id, "review_requested", "2026-01-02T00:00:00.000Z");

        t.asUser().get("/api/agents/" + worker.id).then().statusCode(200)
                .body("status", equalTo("online"))
                .body("task_count", equalTo(2))
                .body("input_tokens", equalTo(101))
                .body("output_tokens", equalTo(20))
                .body("cache_read_tokens", equalTo(3))
                .body("cache_creation_tokens", equalTo(4))
                .body("cost_micro_usd", equalTo(5))
                .body("last_active_at", equalTo("2026-01-02T00:00:00.000Z"))
                .body("logs", hasSize(2))
                .body("logs[0].action", equalTo("review_requested"))
                .body("logs[0].task_title", equalTo("Ship it"))
                .body("logs[0].task_id", equalTo(task))
                .body("logs[0].actor_id", equalTo(worker.id))
                .body("logs[1].action", equalTo("claimed"));

        m.request().delete("/api/agents/" + worker.id + "/sessions/" + worker.sessionId).then().statusCode(200);
        t.asUser().get("/api/agents/" + worker.id).then().statusCode(200).body("status", equalTo("offline"));
        t.asUser().get("/api/agents/0000000000000000").then().statusCode(404)
                .body("error.message", equalTo("Agent not found"));
    }

    @Test
    void patchWritesOnlyUpdatableFieldsAndAnswersTheStoredAgent() {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        var before = t.asUser().get("/api/agents/" + worker.id).then().extract().jsonPath();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Renamed", "bio", "Writes parsers",
                "skills", List.of("a@b"), "kind", "leader", "username", "hijack", "public_key", "x",
                "private_key", "y"));
        body.put("model", null);
        var after = t.asUser().body(body).patch("/api/agents/" + worker.id).then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("bio", equalTo("Writes parsers"))
                .body("skills", contains("a@b"))
                .body("kind", equalTo("worker"))
                .body("model", nullValue())
                .body("username", equalTo(before.getString("username")))
                .body("public_key", equalTo(before.getString("public_key")))
                .extract();
        assertThat(after.jsonPath().getMap("$").keySet()).containsExactlyElementsOf(AGENT_FIELDS);

        t.asUser().body(Map.of("runtime", "claude-code")).patch("/api/agents/" + worker.id).then().statusCode(400)
                .body("error.message", equalTo("Invalid runtime \"claude-code\". Must be one of: claude, codex, gemini"));
        worker.machine.request().body(Map.of("name", "x")).patch("/api/agents/" + worker.id).then().statusCode(403)
                .body("error.message", equalTo("user or agent:leader required"));
    }

    @Test
    void deleteUnassignsOpenTasksAndEndsTheAgentsSessions() throws SQLException {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        String board = board(t.userId);
        String todo = task(board, "a", worker.id, "todo");
        String doing = task(board, "b", worker.id, "in_progress");
        String review = task(board, "c", worker.id, "in_review");

        t.asUser().delete("/api/agents/" + worker.id).then().statusCode(200).body("ok", equalTo(true));
        assertThat(assignee(todo)).isNull();
        assertThat(assignee(doing)).isNull();
        assertThat(assignee(review)).isNull();
        assertThat(status(doing)).isEqualTo("in_progress");
        worker.request().get("/api/agents").then().statusCode(401).body("error.message", equalTo(
                "Invalid agent session: 401 {\"error\":\"agent_not_found\",\"message\":\"Agent not found\"}"));
        t.asUser().delete("/api/agents/" + worker.id).then().statusCode(404)
                .body("error.message", equalTo("Agent not found"));
    }

    @Test
    void builtInsAreSeededOnBoardCreationAndCannotBeChanged() {
        Tenant t = Tenant.create();
        boardCreated.fire(new BoardCreated(t.userId));
        boardCreated.fire(new BoardCreated(t.userId));
        JsonPath list = t.asUser().get("/api/agents").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("$")).hasSize(1);
        assertThat(list.getString("[0].username")).isEqualTo("quality-goalkeeper-" + BuiltinAgents.suffix(t.userId));
        assertThat(list.getString("[0].role")).isEqualTo("quality-goalkeeper");
        assertThat(list.getString("[0].name")).isEqualTo("Quality Goalkeeper");
        assertThat(list.getString("[0].model")).isEqualTo("claude-opus-4-6");
        assertThat(list.getInt("[0].builtin")).isEqualTo(1);
        assertThat(list.getString("[0].gpg_subkey_id")).isNull();
        assertThat(list.getList("[0].handoff_to")).containsExactly("enduser");
        assertThat(list.getList("[0].skills")).containsExactly("trailofbits/skills@differential-review",
                "obra/superpowers@verification-before-completion");
        String id = list.getString("[0].id");

        t.asUser().body(Map.of("name", "x")).patch("/api/agents/" + id).then().statusCode(403)
                .body("error.message", equalTo("Built-in agents cannot be modified"));
        t.asUser().delete("/api/agents/" + id).then().statusCode(403)
                .body("error.message", equalTo("Built-in agents cannot be deleted"));
        t.machine().request().get("/api/agents/" + id + "/gpg-key").then().statusCode(200)
                .body("gpg_subkey_id", nullValue());
    }

    @Test
    void theSuffixOfBuiltInUsernamesFollowsTheOriginalsHash() {
        // h = 31·h + byte over "abc" = 96354 = "22ci" in base 36.
        assertThat(BuiltinAgents.suffix("abc")).isEqualTo("22ci");
        assertThat(BuiltinAgents.suffix("Yc1kJ8mQ2rT5vW9xZ0aB3dF6gH7jK4lN")).hasSizeLessThanOrEqualTo(6)
                .matches("[0-9a-z]+");
    }

    @Test
    void inboxIsEmptyWithoutMailIntegration() {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        t.asUser().get("/api/agents/" + worker.id + "/inbox").then().statusCode(200).body("emails", hasSize(0));
        t.asUser().get("/api/agents/" + worker.id + "/inbox/e1").then().statusCode(404)
                .body("error.message", equalTo("Mailbox not configured"));
        Tenant.create().asUser().get("/api/agents/" + worker.id + "/inbox").then().statusCode(404)
                .body("error.message", equalTo("Agent not found"));
        worker.machine.request().get("/api/agents/" + worker.id + "/inbox").then().statusCode(403)
                .body("error.message", equalTo("user required"));
    }

    @Test
    void gpgKeyIsForMachinesOfTheOwner() {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        worker.machine.request().get("/api/agents/" + worker.id + "/gpg-key").then().statusCode(200)
                .body("gpg_subkey_id", equalTo(worker.id.toUpperCase()))
                .body("armored_private_key", org.hamcrest.Matchers.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        t.asUser().get("/api/agents/" + worker.id + "/gpg-key").then().statusCode(403)
                .body("error.message", equalTo("machine required"));
        Tenant.create().machine().request().get("/api/agents/" + worker.id + "/gpg-key").then().statusCode(404)
                .body("error.message", equalTo("Agent not found"));
    }

    private static io.restassured.response.ValidatableResponse create(Tenant t, Map<String, Object> body) {
        return t.asUser().body(body).post("/api/agents").then();
    }

    private static void bad(Tenant t, Map<String, Object> body, int status, String message) {
        create(t, body).statusCode(status).body("error.message", equalTo(message));
    }

    private String board(String ownerId) throws SQLException {
        String id = Long.toString(System.nanoTime(), 36);
        update("INSERT INTO boards (id, owner_id, name) VALUES (?, ?, ?)", id, ownerId, "board " + id);
        return id;
    }

    private String task(String board, String title, String assignee, String status) throws SQLException {
        String id = Long.toString(System.nanoTime(), 36);
        update("INSERT INTO tasks (id, board_id, title, assigned_to, status, seq) VALUES (?, ?, ?, ?, ?, "
                + "(SELECT count(*) + 1 FROM tasks WHERE board_id = ?))", id, board, title, assignee, status, board);
        return id;
    }

    private void action(String task, String actor, String action, String at) throws SQLException {
        update("INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at) "
                + "VALUES (?, ?, 'agent:worker', ?, ?, ?)", Long.toString(System.nanoTime(), 36), task, actor, action, at);
    }

    private String assignee(String task) throws SQLException {
        return value("SELECT assigned_to FROM tasks WHERE id = ?", task);
    }

    private String status(String task) throws SQLException {
        return value("SELECT status FROM tasks WHERE id = ?", task);
    }

    private void update(String sql, String... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private String value(String sql, String param) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
