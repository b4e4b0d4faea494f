package dev.agentkanban.task;

import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another tenant's boards, tasks and repositories behave as missing and never change. */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    AgroalDataSource db;

    Workspace mine;
    Workspace theirs;
    String theirTask;

    @BeforeEach
    void setUp() {
        DirectAgents agents = new DirectAgents(db);
        mine = Workspace.create(agents);
        theirs = Workspace.create(agents);
        theirTask = theirs.task("private", Map.of("scheduled_at", "2020-01-01T00:00:00Z"));
    }

    @Test
    void foreignTasksAreNotFoundForEveryRoute() {
        String path = "/api/tasks/" + theirTask;
        notFound(mine.user().get(path), "Task not found");
        notFound(mine.leader.request().body(Map.of("title", "mine")).patch(path), "Task not found");
        notFound(mine.leader.request().delete(path), "Task not found");
        notFound(mine.worker.request().post(path + "/claim"), "Task not found");
        notFound(mine.worker.request().post(path + "/review"), "Task not found");
        notFound(mine.leader.request().post(path + "/reject"), "Task not found");
        notFound(mine.user().post(path + "/complete"), "Task not found");
        notFound(mine.user().post(path + "/cancel"), "Task not found");
        notFound(mine.leader.request().body(Map.of("agent_id", mine.worker.id)).post(path + "/assign"),
                "Task not found");
        notFound(mine.worker.request().body(Map.of("detail", "x")).post(path + "/notes"), "Task not found");
        notFound(mine.worker.request().body("{}").post(path + "/notes"), "Task not found");
        notFound(mine.user().get(path + "/notes"), "Task not found");
        notFound(mine.user().body(Map.of("sender_type", "user", "content", "x")).post(path + "/messages"),
                "Task not found");
        notFound(mine.user().get(path + "/messages"), "Task not found");

        theirs.user().get(path).then().statusCode(200)
                .body("title", equalTo("private"))
                .body("status", equalTo("todo"))
                .body("scheduled_at", equalTo("2020-01-01T00:00:00.000Z"))
                .body("notes.size()", equalTo(2));
        theirs.user().get(path + "/messages").then().body("size()", equalTo(0));
    }

    @Test
    void foreignBoardsAreNotFoundAndUnchanged() {
        String path = "/api/boards/" + theirs.boardId;
        notFound(mine.user().get(path), "Board not found");
        notFound(mine.leader.request().get(path), "Board not found");
        notFound(mine.user().body(Map.of("name", "hijacked", "visibility", "public")).patch(path), "Board not found");
        notFound(mine.user().delete(path), "Board not found");
        String theirName = theirs.user().get(path).then().statusCode(200).extract().path("name");
        notFound(mine.user().get("/api/boards?name=" + theirName), "Board not found");
        theirs.user().get(path).then().statusCode(200)
                .body("name", equalTo(theirName))
                .body("visibility", equalTo("private"))
                .body("tasks.size()", equalTo(1));
        mine.user().get("/api/boards").then().body("id", equalTo(List.of(mine.boardId)));
    }

    @Test
    void foreignRepositoriesAreNotFoundAndUnchanged() {
        String path = "/api/repositories/" + theirs.repoId;
        notFound(mine.user().get(path), "Repository not found");
        notFound(mine.user().delete(path), "Repository not found");
        theirs.user().get(path).then().statusCode(200);
        mine.user().get("/api/repositories").then().body("id", equalTo(List.of(mine.repoId)));
    }

    @Test
    void taskCreationRefusesForeignReferencesAsUnknown() {
        create(mine.taskBody("t", Map.of("board_id", theirs.boardId)), 400, "No board exists. Create a board first.");
        create(mine.taskBody("t", Map.of("repository_id", theirs.repoId)), 404, "Repository not found");
        create(mine.taskBody("t", Map.of("assigned_to", theirs.worker.id)), 400, "Agent not found");
        create(mine.taskBody("t", Map.of("created_from", theirTask)), 400, "Parent task not found");
        create(mine.taskBody("t", Map.of("depends_on", List.of(theirTask))), 404,
                "Dependency task not found: " + theirTask);
        String own = mine.task("own");
        mine.leader.request().body(Map.of("depends_on", List.of(theirTask))).patch("/api/tasks/" + own)
                .then().statusCode(404);
        mine.leader.request().body(Map.of("repository_id", theirs.repoId)).patch("/api/tasks/" + own)
                .then().statusCode(404);
        mine.user().get("/api/tasks/" + own).then().body("depends_on", equalTo(List.of()));
        theirs.user().get("/api/boards/" + theirs.boardId).then().body("task_seq", equalTo(1));
        mine.user().get("/api/tasks?board_id=" + theirs.boardId).then().body("size()", equalTo(0));
    }

    @Test
    void assignRefusesAnotherOwnersAgent() throws Exception {
        DirectAgents.Agent leaving = new DirectAgents(db).worker(mine.tenant.userId);
        String orphan = mine.task("orphan", Map.of("assigned_to", leaving.id));
        try (var c = db.getConnection(); var s = c.prepareStatement("DELETE FROM agents WHERE id = ?")) {
            s.setString(1, leaving.id);
            s.executeUpdate();
        }
        notFound(mine.leader.request().body(Map.of("agent_id", theirs.worker.id)).post("/api/tasks/" + orphan + "/assign"),
                "Agent not found");
        mine.user().get("/api/tasks/" + orphan).then().body("assigned_to", equalTo(null));
    }

    private void create(Map<String, Object> body, int status, String message) {
        mine.leader.request().body(body).post("/api/tasks")
                .then().statusCode(status).body("error.message", equalTo(message));
    }

    private static void notFound(io.restassured.response.Response response, String message) {
        response.then().statusCode(404).body("error.code", equalTo("NOT_FOUND")).body("error.message", equalTo(message));
    }
}
