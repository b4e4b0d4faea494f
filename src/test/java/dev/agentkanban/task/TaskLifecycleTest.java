package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskLifecycleTest {

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
    void workerClaimsReviewsIsRejectedResubmitsAndLeaderCompletes() {
        String id = ws.task("Add rate limiting");

        ws.worker.request().post("/api/tasks/" + id + "/claim")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("in_progress"))
                .body("assigned_to", equalTo(ws.worker.id));
        ws.worker.request().body(Map.of("detail", "Working on it")).post("/api/tasks/" + id + "/notes")
                .then().statusCode(201)
                .body("action", equalTo("commented"))
                .body("detail", equalTo("Working on it"))
                .body("actor_type", equalTo("agent:worker"))
                .body("actor_id", equalTo(ws.worker.id))
                .body("actor_name", nullValue())
                .body("session_id", equalTo(ws.worker.session().id));
        ws.worker.request().body(Map.of("pr_url", "https://github.com/acme/api/pull/1"))
                .post("/api/tasks/" + id + "/review")
                .then().statusCode(200)
                .body("status", equalTo("in_review"))
                .body("pr_url", equalTo("https://github.com/acme/api/pull/1"));
        ws.leader.request().body(Map.of("reason", "Missing tests")).post("/api/tasks/" + id + "/reject")
                .then().statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("pr_url", equalTo("https://github.com/acme/api/pull/1"));
        ws.worker.request().body("{}").post("/api/tasks/" + id + "/review")
                .then().statusCode(200)
                .body("status", equalTo("in_review"))
                .body("pr_url", equalTo("https://github.com/acme/api/pull/1"));
        ws.leader.request().body(Map.of("result", "Shipped")).post("/api/tasks/" + id + "/complete")
                .then().statusCode(200)
                .body("status", equalTo("done"))
                .body("result", equalTo("Shipped"))
                .body("pr_url", nullValue())
                .body("assigned_to", equalTo(ws.worker.id));

        List<Map<String, Object>> notes = ws.user().get("/api/tasks/" + id + "/notes")
                .then().statusCode(200).extract().path("");
        assertThat(notes).extracting(n -> n.get("action")).containsExactly("created", "assigned", "claimed",
                "commented", "review_requested", "rejected", "review_requested", "completed");
        assertThat(notes.get(5).get("detail")).isEqualTo("Missing tests");
        assertThat(notes.get(7).get("detail")).isEqualTo("Shipped");
        assertThat(notes.get(0).get("session_id")).isNull();
        assertThat(notes.get(2).get("session_id")).isEqualTo(ws.worker.session().id);
        assertThat(notes.get(2).get("actor_name")).isEqualTo("Worker");
        assertThat(notes.get(2).get("actor_public_key")).isEqualTo(ws.worker.publicKey);
    }

    @Test
    void cancelClearsTheAssigneeAndIsTerminal() {
        String id = ws.task("doomed");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        ws.user().body("{}").post("/api/tasks/" + id + "/cancel")
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("assigned_to", nullValue());
        ws.worker.request().post("/api/tasks/" + id + "/claim")
                .then().statusCode(409)
                .body("error.message", equalTo("Task is not assigned to this agent"));
        ws.leader.request().post("/api/tasks/" + id + "/cancel")
                .then().statusCode(409)
                .body("error.code", equalTo("INVALID_TRANSITION"))
                .body("error.message", equalTo("Cannot cancel from cancelled (allowed from: in_progress, in_review)"));
        ws.leader.request().delete("/api/tasks/" + id).then().statusCode(200).body("ok", equalTo(true));
        ws.user().get("/api/tasks/" + id).then().statusCode(404).body("error.message", equalTo("Task not found"));
    }

    @Test
    void machineReleaseKeepsTheAssigneeAndClearsTheScheduleInStorageOnly() {
        String id = ws.task("released", Map.of("scheduled_at", "2020-01-01T00:00:00Z"));
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        Machine machine = machine();
        machine.request().post("/api/tasks/" + id + "/release")
                .then().statusCode(200)
                .body("status", equalTo("todo"))
                .body("assigned_to", equalTo(ws.worker.id))
                .body("scheduled_at", equalTo("2020-01-01T00:00:00.000Z"));
        ws.user().get("/api/tasks/" + id)
                .then().statusCode(200)
                .body("status", equalTo("todo"))
                .body("scheduled_at", nullValue())
                .body("notes[3].action", equalTo("released"))
                .body("notes[3].actor_type", equalTo("machine"))
                .body("notes[3].actor_id", equalTo(machine.id))
                .body("notes[3].session_id", nullValue());
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        machine.request().body("{}").post("/api/tasks/" + id + "/complete")
                .then().statusCode(409)
                .body("error.message", equalTo("Cannot complete from in_progress (allowed from: in_review)"));
    }

    @Test
    void everyIllegalTransitionAnswersTheSpecMessage() {
        String id = ws.task("strict");
        conflict(ws.worker.request().body("{}").post("/api/tasks/" + id + "/review"),
                "Cannot review from todo (allowed from: in_progress)");
        conflict(ws.leader.request().body("{}").post("/api/tasks/" + id + "/reject"),
                "Cannot reject from todo (allowed from: in_review)");
        conflict(ws.user().body("{}").post("/api/tasks/" + id + "/complete"),
                "Cannot complete from todo (allowed from: in_review)");
        conflict(ws.user().body("{}").post("/api/tasks/" + id + "/cancel"),
                "Cannot cancel from todo (allowed from: in_progress, in_review)");
        conflict(machine().request().post("/api/tasks/" + id + "/release"),
                "Cannot release from todo (allowed from: in_progress)");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        conflict(ws.worker.request().post("/api/tasks/" + id + "/claim"),
                "Cannot claim from in_progress (allowed from: todo)");
        conflict(ws.user().body("{}").post("/api/tasks/" + id + "/reject"),
                "Cannot reject from in_progress (allowed from: in_review)");
        ws.worker.request().post("/api/tasks/" + id + "/review").then().statusCode(200);
        conflict(ws.worker.request().post("/api/tasks/" + id + "/review"),
                "Cannot review from in_review (allowed from: in_progress)");
        ws.user().post("/api/tasks/" + id + "/complete").then().statusCode(200).body("result", nullValue());
        conflict(ws.user().post("/api/tasks/" + id + "/cancel"),
                "Cannot cancel from done (allowed from: in_progress, in_review)");
        conflict(ws.leader.request().delete("/api/tasks/" + id), "Cannot delete task in done (assigned) status");
        ws.user().get("/api/tasks/" + id).then().body("status", equalTo("done"));
    }

    @Test
    void wrongIdentitiesAreRefusedBeforeTheTaskIsLookedAt() {
        String id = ws.task("guarded");
        forbidden(ws.leader.request().post("/api/tasks/" + id + "/claim"), "agent:worker required");
        forbidden(ws.user().post("/api/tasks/" + id + "/claim"), "agent:worker required");
        forbidden(ws.leader.request().post("/api/tasks/" + id + "/review"), "agent:worker required");
        forbidden(ws.worker.request().post("/api/tasks/" + id + "/complete"), "user or machine or agent:leader required");
        forbidden(ws.worker.request().post("/api/tasks/" + id + "/cancel"), "user or machine or agent:leader required");
        forbidden(ws.worker.request().post("/api/tasks/" + id + "/reject"), "user or agent:leader required");
        forbidden(machine().request().post("/api/tasks/" + id + "/reject"), "user or agent:leader required");
        forbidden(ws.leader.request().post("/api/tasks/" + id + "/release"), "machine required");
        forbidden(ws.worker.request().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign"),
                "agent:leader or user required");
        forbidden(ws.user().body(Map.of("detail", "x")).post("/api/tasks/" + id + "/notes"),
                "agent:worker or agent:leader required");
        forbidden(machine().request().delete("/api/tasks/" + id), "agent:worker or agent:leader or user required");
        forbidden(machine().request().body(Map.of("sender_type", "user", "content", "x"))
                .post("/api/tasks/" + id + "/messages"), "agent:worker or agent:leader or user required");
        forbidden(ws.user().post("/api/tasks/" + "nope" + "/claim"), "agent:worker required");
        ws.worker.request().post("/api/tasks/nope/claim")
                .then().statusCode(404).body("error.message", equalTo("Task not found"));

        DirectAgents.Agent other = agents.worker(ws.tenant.userId);
        conflict(other.request().post("/api/tasks/" + id + "/claim"), "Task is not assigned to this agent");
        ws.user().get("/api/tasks/" + id).then().body("status", equalTo("todo"));
    }

    @Test
    void workersEditAndDeleteOnlyTasksTheyCreated() {
        String leaders = ws.task("by leader");
        ws.worker.request().body(Map.of("title", "mine now")).patch("/api/tasks/" + leaders)
                .then().statusCode(403).body("error.message", equalTo("Workers can only update tasks they created"));
        ws.worker.request().delete("/api/tasks/" + leaders)
                .then().statusCode(403).body("error.message", equalTo("Workers can only delete tasks they created"));
        String own = ws.worker.request().body(ws.taskBody("by worker", Map.of())).post("/api/tasks")
                .then().statusCode(201).extract().path("id");
        ws.worker.request().body(Map.of("title", "renamed")).patch("/api/tasks/" + own)
                .then().statusCode(200).body("title", equalTo("renamed"));
        ws.worker.request().delete("/api/tasks/" + own).then().statusCode(200);
        ws.leader.request().body(Map.of("title", "leader may")).patch("/api/tasks/" + leaders)
                .then().statusCode(200).body("title", equalTo("leader may"));
    }

    @Test
    void deleteIsLimitedToTodoAndCancelledTasks() {
        String id = ws.task("busy");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        conflict(ws.leader.request().delete("/api/tasks/" + id), "Cannot delete task in in_progress (assigned) status");
        ws.user().post("/api/tasks/" + id + "/cancel").then().statusCode(200);
        ws.leader.request().delete("/api/tasks/" + id).then().statusCode(200);
        String assignedTodo = ws.task("assigned todo");
        ws.leader.request().delete("/api/tasks/" + assignedTodo).then().statusCode(200);
    }

    @Test
    void leaderAssignsAnUnassignedTodoTask() throws Exception {
        DirectAgents.Agent gone = agents.worker(ws.tenant.userId);
        String id = ws.task("orphan", Map.of("assigned_to", gone.id));
        sql("DELETE FROM agents WHERE id = ?", gone.id);
        ws.user().get("/api/tasks/" + id).then().body("assigned_to", nullValue()).body("agent_name", nullValue());

        ws.leader.request().body("{}").post("/api/tasks/" + id + "/assign")
                .then().statusCode(400).body("error.message", equalTo("agent_id is required"));
        ws.leader.request().body(Map.of("agent_id", "0123456789abcdef")).post("/api/tasks/" + id + "/assign")
                .then().statusCode(404).body("error.message", equalTo("Agent not found"));
        ws.leader.request().body(Map.of("agent_id", ws.leader.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(400).body("error.message", equalTo("Cannot assign tasks to leader agents"));
        ws.leader.request().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(200)
                .body("assigned_to", equalTo(ws.worker.id))
                .body("status", equalTo("todo"));
        conflict(ws.leader.request().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign"),
                "Task is already assigned");
        ws.user().get("/api/tasks/" + id + "/notes")
                .then().body("[2].action", equalTo("assigned"))
                .body("[2].actor_type", equalTo("agent:leader"))
                .body("[2].session_id", equalTo(ws.leader.session().id));
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        conflict(ws.leader.request().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign"),
                "Can only assign tasks in todo status");
    }

    @Test
    void staleInProgressTasksAreReleasedWhenTheBoardIsRead() throws Exception {
        String stale = ws.task("stale");
        String fresh = ws.task("fresh");
        ws.worker.request().post("/api/tasks/" + stale + "/claim").then().statusCode(200);
        ws.worker.request().post("/api/tasks/" + fresh + "/claim").then().statusCode(200);
        sql("UPDATE task_actions SET created_at = '2020-01-01T00:00:00.000Z' WHERE task_id = ?", stale);
        sql("UPDATE task_actions SET created_at = '2020-01-01T00:00:00.000Z' WHERE task_id = ? AND action <> 'claimed'",
                fresh);

        ws.user().get("/api/tasks?status=todo&board_id=" + ws.boardId).then().body("size()", equalTo(0));
        ws.user().get("/api/boards/" + ws.boardId).then().statusCode(200)
                .body("tasks.find { it.id == '" + stale + "' }.status", equalTo("todo"))
                .body("tasks.find { it.id == '" + fresh + "' }.status", equalTo("in_progress"));
        ws.user().get("/api/tasks/" + stale).then()
                .body("assigned_to", equalTo(ws.worker.id))
                .body("notes[-1].action", equalTo("timed_out"))
                .body("notes[-1].actor_type", equalTo("machine"))
                .body("notes[-1].actor_id", equalTo("system"))
                .body("notes[-1].session_id", nullValue());
        ws.worker.request().post("/api/tasks/" + stale + "/claim").then().statusCode(200);
    }

    @Test
    void aCommentKeepsATaskFromGoingStale() throws Exception {
        String id = ws.task("talking");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        sql("UPDATE task_actions SET created_at = '2020-01-01T00:00:00.000Z' WHERE task_id = ?", id);
        ws.worker.request().body(Map.of("detail", "still here")).post("/api/tasks/" + id + "/notes")
                .then().statusCode(201);
        ws.user().get("/api/boards/" + ws.boardId).then().body("tasks[0].status", equalTo("in_progress"));
    }

    @Test
    void messagesResolveTheSenderAndValidateInOrder() {
        String id = ws.task("chat");
        ws.user().body(Map.of("sender_type", "user", "content", "Please cover /signup"))
                .post("/api/tasks/" + id + "/messages")
                .then().statusCode(201)
                .body("sender_type", equalTo("user"))
                .body("sender_id", equalTo(ws.tenant.userId))
                .body("content", equalTo("Please cover /signup"))
                .body("task_id", equalTo(id));
        ws.worker.request().body(Map.of("sender_type", "agent", "content", "On it"))
                .post("/api/tasks/" + id + "/messages")
                .then().statusCode(201).body("sender_id", equalTo(ws.worker.id));
        ws.user().body(Map.of("sender_type", "agent", "content", "hi"))
                .post("/api/tasks/" + id + "/messages")
                .then().statusCode(400).body("error.message", equalTo("sender_id is required"));
        ws.user().body(Map.of("sender_type", "robot", "content", "hi"))
                .post("/api/tasks/" + id + "/messages")
                .then().statusCode(400).body("error.message", equalTo("sender_type must be 'user' or 'agent'"));
        ws.user().body(Map.of("sender_type", "user"))
                .post("/api/tasks/" + id + "/messages")
                .then().statusCode(400).body("error.message", equalTo("sender_type and content are required"));
        List<Map<String, Object>> all = ws.worker.request().get("/api/tasks/" + id + "/messages")
                .then().statusCode(200).extract().path("");
        assertThat(all).extracting(m -> m.get("content")).containsExactly("Please cover /signup", "On it");
        ws.user().get("/api/tasks/" + id + "/messages?since=" + all.get(1).get("created_at"))
                .then().statusCode(200).body("size()", equalTo(0));
        ws.user().get("/api/tasks/" + id + "/notes?since=2000-01-01T00:00:00.000Z")
                .then().statusCode(200).body("size()", equalTo(2));
        ws.worker.request().body(Map.of("detail", "")).post("/api/tasks/" + id + "/notes")
                .then().statusCode(400).body("error.message", equalTo("detail is required"));
    }

    private static void conflict(io.restassured.response.Response response, String message) {
        response.then().statusCode(409).body("error.message", equalTo(message));
    }

    private static void forbidden(io.restassured.response.Response response, String message) {
        response.then().statusCode(403).body("error.code", equalTo("FORBIDDEN")).body("error.message", equalTo(message));
    }

    private void sql(String statement, String value) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(statement)) {
            s.setString(1, value);
            s.executeUpdate();
        }
    }

    /** A machine API key of the workspace's owner, not bound to a machine: its actor id is the key id. */
    private Machine machine() {
        var key = ws.user().body(Map.of("name", "laptop")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract();
        return new Machine(key.path("id"), key.path("key"));
    }

    private record Machine(String id, String key) {
        io.restassured.specification.RequestSpecification request() {
            return io.restassured.RestAssured.given().header("Authorization", "Bearer " + key)
                    .contentType(io.restassured.http.ContentType.JSON);
        }
    }
}
