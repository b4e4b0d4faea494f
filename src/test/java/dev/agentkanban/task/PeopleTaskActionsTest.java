package dev.agentkanban.task;

import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person creates, assigns and deletes tasks through the API the web UI uses, under the agents' rules. */
@QuarkusTest
class PeopleTaskActionsTest {

    @Inject
    AgroalDataSource db;

    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspace.create(new DirectAgents(db));
    }

    @Test
    void aPersonCreatesAnUnassignedTaskAndIsItsCreatorAndActor() {
        String id = ws.user().body(ws.taskBody("by hand", Map.of())).post("/api/tasks").then().statusCode(201)
                .body("created_by", equalTo(ws.tenant.userId)).extract().path("id");
        ws.user().get("/api/tasks/" + id).then().statusCode(200)
                .body("notes[0].action", equalTo("created"))
                .body("notes[0].actor_type", equalTo("user"))
                .body("notes[0].actor_id", equalTo(ws.tenant.userId));
        ws.user().body(Map.of("board_id", ws.boardId, "title", "no repo", "assigned_to", ws.worker.id))
                .post("/api/tasks")
                .then().statusCode(400).body("error.message", equalTo("repository_id is required for dev board tasks"));
    }

    @Test
    void aPersonAssignsUnderTheSameRulesAsALeader() throws SQLException {
        String id = ws.user().body(ws.taskBody("assign me", Map.of())).post("/api/tasks")
                .then().statusCode(201).extract().path("id");
        ws.user().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(409).body("error.message", equalTo("Task is already assigned"));
        unassign(id);
        ws.user().body(Map.of("agent_id", ws.leader.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(400).body("error.message", equalTo("Cannot assign tasks to leader agents"));
        ws.user().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(200).body("assigned_to", equalTo(ws.worker.id));
        ws.user().body(Map.of("agent_id", ws.worker.id)).post("/api/tasks/" + id + "/assign")
                .then().statusCode(409).body("error.message", equalTo("Task is already assigned"));
    }

    /** An unassigned todo task, as a task whose worker was removed leaves behind. */
    private void unassign(String taskId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE tasks SET assigned_to = NULL WHERE id = ?")) {
            s.setString(1, taskId);
            s.executeUpdate();
        }
    }

    @Test
    void aPersonDeletesOnlyTodoOrCancelledTasks() {
        String id = ws.task("delete me");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        ws.user().delete("/api/tasks/" + id).then().statusCode(409)
                .body("error.message", equalTo("Cannot delete task in in_progress (assigned) status"));
        ws.user().post("/api/tasks/" + id + "/cancel").then().statusCode(200);
        ws.user().delete("/api/tasks/" + id).then().statusCode(200).body("ok", equalTo(true));
        ws.user().get("/api/tasks/" + id).then().statusCode(404);
    }
}
