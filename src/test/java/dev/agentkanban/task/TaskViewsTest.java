package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.JsonKeys;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskViewsTest {

    static final List<String> ROW = List.of("id", "board_id", "status", "title", "description", "repository_id",
            "labels", "priority", "created_by", "assigned_to", "result", "pr_url", "input", "created_from",
            "position", "created_at", "updated_at", "seq", "scheduled_at");

    @Inject
    AgroalDataSource db;

    DirectAgents agents;
    Workspace ws;

    @BeforeEach
    void setUp() {
        agents = new DirectAgents(db);
        ws = Workspace.create(agents);
    }

    @Test
    void listItemsCarryTheRowAndItsDerivedFields() {
        String dep = ws.task("dep");
        ws.task("item", Map.of("labels", List.of("backend"), "input", Map.of("ticket", "SEC-12"),
                "depends_on", List.of(dep)));
        String json = ws.worker.request().get("/api/tasks?board_id=" + ws.boardId)
                .then().statusCode(200).contentType("application/json")
                .body("size()", equalTo(2))
                .body("[1].title", equalTo("item"))
                .body("[1].labels", equalTo(List.of("backend")))
                .body("[1].input.ticket", equalTo("SEC-12"))
                .body("[1].repository_name", equalTo("api"))
                .body("[1].board_type", equalTo("dev"))
                .body("[1].blocked", equalTo(true))
                .body("[1].depends_on", equalTo(List.of(dep)))
                .body("[0].blocked", equalTo(false))
                .body("[0].labels", nullValue())
                .body("[0].depends_on", equalTo(List.of()))
                .body("[0].seq", equalTo(1))
                .body("[0].position", equalTo(0))
                .extract().asString();
        assertThat(JsonKeys.of(json, "/0")).containsExactlyElementsOf(concat(ROW,
                List.of("repository_name", "board_type", "blocked", "depends_on")));
    }

    @Test
    void listFiltersCombineAndEmptyValuesAreIgnored() {
        String otherRepo = ws.user().body(Map.of("name", "web", "url", "git@github.com:acme/web-" + ws.boardId + ".git"))
                .post("/api/repositories").then().statusCode(201).extract().path("id");
        DirectAgents.Agent second = agents.worker(ws.tenant.userId);
        String a = ws.task("a", Map.of("labels", List.of("bug", "ui")));
        String b = ws.task("b", Map.of("labels", List.of("bug"), "repository_id", otherRepo, "created_from", a));
        String c = ws.task("c", Map.of("assigned_to", second.id, "created_from", a));
        ws.worker.request().post("/api/tasks/" + a + "/claim").then().statusCode(200);

        assertThat(ids("board_id=" + ws.boardId)).containsExactly(a, b, c);
        assertThat(ids("label=bug")).containsExactly(a, b);
        assertThat(ids("label=ui&status=in_progress")).containsExactly(a);
        assertThat(ids("label=u")).isEmpty();
        assertThat(ids("repository_id=" + otherRepo)).containsExactly(b);
        assertThat(ids("parent=" + a)).containsExactly(b, c);
        assertThat(ids("assigned_to=" + second.id)).containsExactly(c);
        assertThat(ids("status=todo&board_id=&label=")).containsExactly(b, c);
        assertThat(ids("status=TODO")).isEmpty();
        assertThat(ids("status=nonsense")).isEmpty();

        Workspace other = Workspace.create(agents);
        other.task("theirs");
        assertThat(ids("board_id=" + other.boardId)).isEmpty();
        assertThat(ids("status=")).containsExactly(a, b, c);
    }

    @Test
    void listIsOrderedByPositionThenCreation() {
        String first = ws.task("first");
        String second = ws.task("second");
        String third = ws.task("third");
        ws.leader.request().body(Map.of("position", 1)).patch("/api/tasks/" + first).then().statusCode(200);
        ws.leader.request().body(Map.of("position", 0.5)).patch("/api/tasks/" + third).then().statusCode(200);
        assertThat(ids("board_id=" + ws.boardId)).containsExactly(third, first, second);
        ws.user().get("/api/tasks/" + third).then().body("position", equalTo(0.5f));
    }

    @Test
    void boardTasksFollowStatusThenPriorityThenRecency() throws Exception {
        String low = ws.task("low", Map.of("priority", "low"));
        String urgent = ws.task("urgent", Map.of("priority", "urgent"));
        String none = ws.task("none");
        String high = ws.task("high", Map.of("priority", "high"));
        String medium = ws.task("medium", Map.of("priority", "medium"));
        String progress = ws.task("progress");
        String review = ws.task("review");
        String done = ws.task("done");
        String cancelled = ws.task("cancelled");
        String progress2 = ws.task("progress2");
        for (String id : List.of(progress, review, done, cancelled, progress2)) {
            ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        }
        for (String id : List.of(review, done)) {
            ws.worker.request().post("/api/tasks/" + id + "/review").then().statusCode(200);
        }
        ws.user().post("/api/tasks/" + done + "/complete").then().statusCode(200);
        ws.user().post("/api/tasks/" + cancelled + "/cancel").then().statusCode(200);
        stamp(none, "2026-01-01T00:00:01.000Z", "2026-01-01T00:00:00.000Z");
        stamp(medium, "2026-01-01T00:00:02.000Z", "2026-01-01T00:00:00.000Z");
        stamp(progress, "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z");
        stamp(progress2, "2026-01-01T00:00:00.000Z", "2026-01-03T00:00:00.000Z");

        String json = ws.user().get("/api/boards/" + ws.boardId).then().statusCode(200).extract().asString();
        List<String> order = io.restassured.path.json.JsonPath.from(json).getList("tasks.id");
        assertThat(order).containsExactly(urgent, high, medium, none, low, progress2, progress, review, done,
                cancelled);
        assertThat(JsonKeys.of(json, "")).containsExactly("id", "owner_id", "name", "description", "created_at",
                "updated_at", "task_seq", "visibility", "share_slug", "type", "tasks");
        assertThat(JsonKeys.of(json, "/tasks/0")).containsExactlyElementsOf(concat(ROW,
                List.of("agent_name", "agent_public_key", "repository_name", "blocked")));
        io.restassured.path.json.JsonPath board = io.restassured.path.json.JsonPath.from(json);
        assertThat(board.getString("tasks[0].agent_name")).isEqualTo("Worker");
        assertThat(board.getString("tasks[0].agent_public_key")).isEqualTo(ws.worker.publicKey);
        assertThat(board.getString("tasks[0].repository_name")).isEqualTo("api");
        assertThat(board.getBoolean("tasks[0].blocked")).isFalse();
        assertThat(board.getString("tasks[9].agent_name")).isNull();
    }

    @Test
    void detailCarriesAgentRepositoryLogAndDerivedCounts() throws Exception {
        String id = ws.task("detailed");
        ws.task("child", Map.of("created_from", id));
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        DirectAgents.Session second = ws.worker.newSession();
        ws.worker.request().post("/api/tasks/" + id + "/review").then().statusCode(200);
        ws.leader.request().post("/api/tasks/" + id + "/reject").then().statusCode(200);
        ws.user().get("/api/tasks/" + id).then()
                .body("active_session_id", equalTo(ws.worker.session().id))
                .body("duration_minutes", nullValue());
        ws.user().post("/api/tasks/" + id + "/cancel").then().statusCode(200);
        // The first claim to the cancellation: 90 s, which rounds half up to 2 minutes.
        try (var c = db.getConnection(); var s = c.prepareStatement("""
                UPDATE task_actions SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ',
                    (SELECT created_at FROM task_actions WHERE task_id = ?1 AND action = 'claimed'), '+90 seconds')
                WHERE task_id = ?1 AND action = 'cancelled'""")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        String json = ws.worker.request().get("/api/tasks/" + id).then().statusCode(200)
                .body("agent_name", nullValue())
                .body("subtask_count", equalTo(1))
                .body("repository_name", equalTo("api"))
                .body("blocked", equalTo(false))
                .body("duration_minutes", equalTo(2))
                .body("depends_on", equalTo(List.of()))
                .body("notes.size()", equalTo(6))
                .body("notes[0].action", equalTo("created"))
                .extract().asString();
        assertThat(JsonKeys.of(json, "")).containsExactlyElementsOf(concat(ROW, List.of("agent_name",
                "agent_public_key", "agent_fingerprint", "repository_name", "subtask_count", "active_session_id",
                "blocked", "notes", "duration_minutes", "depends_on")));
        assertThat(JsonKeys.of(json, "/notes/0")).containsExactly("id", "task_id", "actor_type", "actor_id",
                "action", "detail", "created_at", "session_id", "actor_name", "actor_public_key");

        String live = ws.task("live");
        ws.worker.request().post("/api/tasks/" + live + "/claim").then().statusCode(200);
        ws.user().get("/api/tasks/" + live).then()
                .body("agent_name", equalTo("Worker"))
                .body("agent_public_key", equalTo(ws.worker.publicKey))
                .body("agent_fingerprint", equalTo(ws.worker.fingerprint))
                .body("subtask_count", equalTo(0));
        assertThat(second.id).isNotEqualTo(ws.worker.session().id);
    }

    @Test
    void patchEchoesTheBodyButStoresOnlyUpdatableFields() {
        String id = ws.task("editable", Map.of("priority", "low"));
        String json = ws.leader.request().body("""
                        {"status":"done","assigned_to":null,"title":"edited","labels":["a"],"input":[1,2],
                         "scheduled_at":"2026-03-28T09:00:00+02:00","position":2.5,"unknown":{"x":1},
                         "description":null,"priority":null,"pr_url":"https://example.com/pr/1"}""")
                .patch("/api/tasks/" + id)
                .then().statusCode(200)
                .body("status", equalTo("done"))
                .body("assigned_to", nullValue())
                .body("title", equalTo("edited"))
                .body("labels", equalTo(List.of("a")))
                .body("input", equalTo(List.of(1, 2)))
                .body("scheduled_at", equalTo("2026-03-28T07:00:00.000Z"))
                .body("position", equalTo(2.5f))
                .body("unknown.x", equalTo(1))
                .extract().asString();
        assertThat(JsonKeys.of(json, "")).containsExactlyElementsOf(concat(ROW, List.of("unknown")));
        ws.user().get("/api/tasks/" + id).then()
                .body("status", equalTo("todo"))
                .body("assigned_to", equalTo(ws.worker.id))
                .body("title", equalTo("edited"))
                .body("labels", equalTo(List.of("a")))
                .body("input", equalTo(List.of(1, 2)))
                .body("scheduled_at", equalTo("2026-03-28T07:00:00.000Z"))
                .body("position", equalTo(2.5f))
                .body("priority", nullValue())
                .body("pr_url", equalTo("https://example.com/pr/1"));
        ws.leader.request().body("{}").patch("/api/tasks/" + id).then().statusCode(200).body("title", equalTo("edited"));
    }

    @Test
    void patchRefusesValuesTheColumnsCannotHold() {
        String id = ws.task("strict");
        patch400(id, "{\"input\":\"text\"}", "input must be a JSON object or null");
        patch400(id, "{\"scheduled_at\":\"tomorrow\"}",
                "scheduled_at must be ISO 8601 with timezone (e.g. 2026-03-28T09:00:00Z)");
        patch400(id, "{\"title\":null}", "title must be a string");
        patch400(id, "{\"priority\":\"soon\"}", "priority must be one of: low, medium, high, urgent");
        patch400(id, "{\"labels\":\"bug\"}", "labels must be an array");
        patch400(id, "{\"position\":null}", "position must be a number");
        ws.leader.request().body("{\"repository_id\":\"nope\"}").patch("/api/tasks/" + id)
                .then().statusCode(404).body("error.message", equalTo("Repository not found"));
        ws.leader.request().body("{\"repository_id\":null}").patch("/api/tasks/" + id)
                .then().statusCode(200).body("repository_id", nullValue());
        ws.user().get("/api/tasks/" + id).then().body("title", equalTo("strict")).body("repository_id", nullValue());
    }

    private void patch400(String id, String body, String message) {
        ws.leader.request().body(body).patch("/api/tasks/" + id)
                .then().statusCode(400).body("error.message", equalTo(message));
    }

    private List<String> ids(String query) {
        return ws.worker.request().get("/api/tasks?" + query).then().statusCode(200).extract().path("id");
    }

    private void stamp(String id, String createdAt, String updatedAt) throws Exception {
        try (var c = db.getConnection();
                var s = c.prepareStatement("UPDATE tasks SET created_at = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, createdAt);
            s.setString(2, updatedAt);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
