package dev.agentkanban.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.JsonKeys;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskCreateTest {

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
    void createAnswersTheRowInCreateOrderWithNormalisedValues() throws Exception {
        String body = ws.leader.request().body(ws.taskBody("Add rate limiting", Map.of(
                        "description", "Token bucket per IP",
                        "labels", List.of("backend", "security"),
                        "priority", "high",
                        "input", Map.of("ticket", "SEC-12"),
                        "scheduled_at", "2026-03-28T09:00:00+02:00",
                        "status", "done",
                        "position", 99)))
                .post("/api/tasks")
                .then().statusCode(201).contentType("application/json")
                .body("board_id", equalTo(ws.boardId))
                .body("seq", equalTo(1))
                .body("status", equalTo("todo"))
                .body("description", equalTo("Token bucket per IP"))
                .body("repository_id", equalTo(ws.repoId))
                .body("labels", equalTo(List.of("backend", "security")))
                .body("priority", equalTo("high"))
                .body("created_by", equalTo(ws.leader.id))
                .body("assigned_to", equalTo(ws.worker.id))
                .body("result", nullValue())
                .body("pr_url", nullValue())
                .body("input.ticket", equalTo("SEC-12"))
                .body("created_from", nullValue())
                .body("scheduled_at", equalTo("2026-03-28T07:00:00.000Z"))
                .body("position", equalTo(0))
                .extract().asString();
        Map<?, ?> task = new ObjectMapper().readValue(body, LinkedHashMap.class);
        assertThat(JsonKeys.of(body, "")).containsExactly("id", "board_id", "seq", "status", "title", "description",
                "repository_id", "labels", "priority", "created_by", "assigned_to", "result", "pr_url", "input",
                "created_from", "scheduled_at", "position", "created_at", "updated_at");
        assertThat((String) task.get("id")).matches("[0-9a-z]{12}");
        assertThat((String) task.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .isEqualTo(task.get("updated_at"));
    }

    @Test
    void seqCountsUpPerBoardAndPositionFollowsTheLastTodoTask() {
        String first = ws.task("one");
        ws.task("two");
        ws.worker.request().post("/api/tasks/" + first + "/claim").then().statusCode(200);
        ws.leader.request().body(ws.taskBody("three", Map.of())).post("/api/tasks")
                .then().statusCode(201).body("seq", equalTo(3)).body("position", equalTo(2));
        ws.user().get("/api/boards/" + ws.boardId).then().statusCode(200).body("task_seq", equalTo(3));
    }

    @Test
    void positionStartsAtZeroWhenNoTodoTaskRemains() {
        String only = ws.task("one");
        ws.worker.request().post("/api/tasks/" + only + "/claim").then().statusCode(200);
        ws.leader.request().body(ws.taskBody("two", Map.of())).post("/api/tasks")
                .then().statusCode(201).body("seq", equalTo(2)).body("position", equalTo(0));
    }

    @Test
    void creationWritesCreatedAndAssignedActionsWithoutSession() {
        String id = ws.task("logged");
        List<Map<String, Object>> notes = ws.user().get("/api/tasks/" + id + "/notes")
                .then().statusCode(200).extract().path("");
        assertThat(notes).hasSize(2);
        assertThat(notes).extracting(n -> n.get("action")).containsExactly("created", "assigned");
        for (Map<String, Object> note : notes) {
            assertThat(note.get("actor_type")).isEqualTo("agent:leader");
            assertThat(note.get("actor_id")).isEqualTo(ws.leader.id);
            assertThat(note.get("session_id")).isNull();
            assertThat(note.get("actor_name")).isEqualTo("Leader");
            assertThat(note.get("created_at")).isEqualTo(notes.get(0).get("created_at"));
        }
    }

    @Test
    void validationsAnswerInTheSpecOrder() {
        expect400(Map.of("assigned_to", "x", "input", "text"), "title is required");
        expect400(Map.of("title", "", "assigned_to", "x"), "title is required");
        expect400(Map.of("title", "t", "input", "text"), "assigned_to is required");
        expect400(Map.of("title", "t", "assigned_to", "x", "input", "text", "scheduled_at", "nope"),
                "input must be a JSON object or null");
        expect400(Map.of("title", "t", "assigned_to", "x", "input", 5), "input must be a JSON object or null");
        expect400(Map.of("title", "t", "assigned_to", "x", "scheduled_at", "2026-03-28", "board_id", "nope"),
                "scheduled_at must be ISO 8601 with timezone (e.g. 2026-03-28T09:00:00Z)");
        expect400(Map.of("title", "t", "assigned_to", "x", "board_id", "nope"),
                "No board exists. Create a board first.");
        expect400(Map.of("title", "t", "assigned_to", "x", "board_id", ws.boardId),
                "repository_id is required for dev board tasks");
        expect400(Map.of("title", "t", "assigned_to", "x", "board_id", ws.boardId, "repository_id", ws.repoId,
                "created_from", "nope"), "Parent task not found");
        expect400(Map.of("title", "t", "assigned_to", "x", "board_id", ws.boardId, "repository_id", ws.repoId),
                "Agent not found");
        expect400(Map.of("title", "t", "assigned_to", ws.leader.id, "board_id", ws.boardId, "repository_id",
                ws.repoId, "priority", "whenever"), "Cannot assign tasks to leader agents");
        expect400(ws.taskBody("t", Map.of("priority", "whenever")),
                "priority must be one of: low, medium, high, urgent");
        expect(ws.taskBody("t", Map.of("repository_id", "nope1234")), 404, "Repository not found");
        expect(ws.taskBody("t", Map.of("depends_on", List.of("nope"))), 404, "Dependency task not found: nope");
        String dep = ws.task("dep");
        expect400(ws.taskBody("t", Map.of("depends_on", List.of(dep, dep))),
                "depends_on contains the same task more than once");
        expect400(ws.taskBody("t", Map.of("labels", "bug")), "labels must be an array");
        expect400(ws.taskBody("t", Map.of("title", 7)), "title must be a string");
        ws.leader.request().body("[1]").post("/api/tasks")
                .then().statusCode(400).body("error.message", equalTo("Request body must be a JSON object"));
        ws.leader.request().body("{\"title\":").post("/api/tasks")
                .then().statusCode(400).body("error.code", equalTo("INVALID_JSON"));
        ws.user().get("/api/boards/" + ws.boardId).then().body("task_seq", equalTo(1));
    }

    @Test
    void opsBoardsRefuseRepositoriesAndEmptyValuesCountAsAbsent() {
        String ops = ws.user().body(Map.of("name", "Ops", "type", "ops")).post("/api/boards")
                .then().statusCode(201).extract().path("id");
        expect400(ws.taskBody("t", Map.of("board_id", ops)), "repository_id is not allowed for ops board tasks");
        Map<String, Object> body = ws.taskBody("t", Map.of("board_id", ops, "repository_id", "", "description", "",
                "priority", "", "labels", List.of()));
        ws.leader.request().body(body).post("/api/tasks")
                .then().statusCode(201)
                .body("repository_id", nullValue())
                .body("description", nullValue())
                .body("priority", nullValue())
                .body("labels", equalTo(List.of()))
                .body("input", nullValue());
    }

    @Test
    void withoutBoardIdTheOwnersOldestBoardIsUsed() {
        Tenant tenant = Tenant.create();
        DirectAgents.Agent leader = agents.leader(tenant.userId);
        DirectAgents.Agent worker = agents.worker(tenant.userId);
        Map<String, Object> body = Map.of("title", "t", "assigned_to", worker.id);
        leader.request().body(body).post("/api/tasks")
                .then().statusCode(400).body("error.message", equalTo("No board exists. Create a board first."));
        String oldest = tenant.asUser().body(Map.of("name", "First", "type", "ops")).post("/api/boards")
                .then().statusCode(201).extract().path("id");
        tenant.asUser().body(Map.of("name", "Second", "type", "ops")).post("/api/boards").then().statusCode(201);
        leader.request().body(body).post("/api/tasks").then().statusCode(201).body("board_id", equalTo(oldest));
        leader.request().body(new HashMap<>(Map.of("title", "t", "assigned_to", worker.id, "board_id", "")))
                .post("/api/tasks").then().statusCode(201).body("board_id", equalTo(oldest));
    }

    @Test
    void workersPeopleAndMachinesMayCreateForTheirOwner() {
        ws.worker.request().body(ws.taskBody("by worker", Map.of())).post("/api/tasks")
                .then().statusCode(201).body("created_by", equalTo(ws.worker.id));
        var key = ws.user().body(Map.of("name", "laptop")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract();
        String id = given().header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON)
                .body(ws.taskBody("Setup lefthook quality gates for this repository",
                        Map.of("labels", List.of("setup:lefthook"))))
                .post("/api/tasks")
                .then().statusCode(201).body("created_by", equalTo(key.path("id"))).extract().path("id");
        ws.user().get("/api/tasks/" + id + "/notes")
                .then().statusCode(200)
                .body("[0].actor_type", equalTo("machine"))
                .body("[0].actor_id", equalTo(key.path("id")));
        // The daemon then makes the repository's other todo tasks wait for the setup task.
        String waiting = ws.task("waits for setup");
        given().header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON)
                .body(Map.of("depends_on", List.of(id)))
                .patch("/api/tasks/" + waiting)
                .then().statusCode(200).body("depends_on", equalTo(List.of(id)));
        ws.user().get("/api/tasks/" + waiting).then().body("blocked", equalTo(true));
        String foreign = Workspace.create(agents).task("not theirs");
        given().header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON)
                .body(Map.of("depends_on", List.of(id)))
                .patch("/api/tasks/" + foreign)
                .then().statusCode(404).body("error.message", equalTo("Task not found"));
        // people too, from the web UI (the original refuses them)
        ws.user().body(ws.taskBody("t", Map.of())).post("/api/tasks")
                .then().statusCode(201).body("created_by", equalTo(ws.tenant.userId));
    }

    @Test
    void scheduledAtIsNormalisedOrRefused() {
        ws.leader.request().body(ws.taskBody("t", Map.of("scheduled_at", "2026-02-30T24:00:00.9999Z")))
                .post("/api/tasks").then().statusCode(400);
        ws.leader.request().body(ws.taskBody("t", Map.of("scheduled_at", "2026-02-30T23:59:59.9999Z")))
                .post("/api/tasks").then().statusCode(201).body("scheduled_at", equalTo("2026-03-02T23:59:59.999Z"));
        Map<String, Object> cleared = new HashMap<>(ws.taskBody("t", Map.of()));
        cleared.put("scheduled_at", null);
        ws.leader.request().body(cleared).post("/api/tasks").then().statusCode(201).body("scheduled_at", nullValue());
    }

    private void expect400(Map<String, ?> body, String message) {
        expect(body, 400, message);
    }

    private void expect(Map<String, ?> body, int status, String message) {
        ws.leader.request().body(body).post("/api/tasks")
                .then().statusCode(status)
                .body("error.message", equalTo(message));
    }
}
