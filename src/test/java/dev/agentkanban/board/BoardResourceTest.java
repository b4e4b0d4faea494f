package dev.agentkanban.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.JsonKeys;
import dev.agentkanban.support.RecordedEvents;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BoardResourceTest {

    @Inject
    AgroalDataSource db;

    @Inject
    RecordedEvents events;

    @Test
    void createAnswersTheStoredBoardAndAnnouncesIt() {
        Tenant t = Tenant.create();
        String json = t.asUser().body(Map.of("name", "Platform", "type", "dev", "description", ""))
                .post("/api/boards")
                .then().statusCode(201).contentType("application/json")
                .body("id", matchesPattern("[0-9a-z]{8}"))
                .body("owner_id", equalTo(t.userId))
                .body("name", equalTo("Platform"))
                .body("description", nullValue())
                .body("task_seq", equalTo(0))
                .body("visibility", equalTo("private"))
                .body("share_slug", nullValue())
                .body("type", equalTo("dev"))
                .extract().asString();
        assertThat(JsonKeys.of(json, "")).containsExactly("id", "owner_id", "name", "description", "created_at",
                "updated_at", "task_seq", "visibility", "share_slug", "type");
        assertThat(events.boardOwners()).contains(t.userId);
    }

    @Test
    void createValidatesNameTypeAndUniqueness() {
        Tenant t = Tenant.create();
        t.asUser().body(Map.of("type", "dev")).post("/api/boards")
                .then().statusCode(400).body("error.message", equalTo("name is required"));
        t.asUser().body(Map.of("name", "", "type", "nope")).post("/api/boards")
                .then().statusCode(400).body("error.message", equalTo("name is required"));
        t.asUser().body(Map.of("name", "X")).post("/api/boards")
                .then().statusCode(400).body("error.message", equalTo("type must be 'dev' or 'ops'"));
        t.asUser().body(Map.of("name", "X", "type", "DEV")).post("/api/boards")
                .then().statusCode(400).body("error.message", equalTo("type must be 'dev' or 'ops'"));
        t.asUser().body(Map.of("name", "X", "type", "ops")).post("/api/boards").then().statusCode(201);
        t.asUser().body(Map.of("name", "X", "type", "dev")).post("/api/boards")
                .then().statusCode(409)
                .body("error.code", equalTo("BOARD_NAME_TAKEN"))
                .body("error.message", equalTo("Board \"X\" already exists"));
        Tenant.create().asUser().body(Map.of("name", "X", "type", "dev")).post("/api/boards").then().statusCode(201);
    }

    @Test
    void onlyUsersAndLeadersWriteBoards() {
        Tenant t = Tenant.create();
        DirectAgents agents = new DirectAgents(db);
        DirectAgents.Agent worker = agents.worker(t.userId);
        DirectAgents.Agent leader = agents.leader(t.userId);
        worker.request().body(Map.of("name", "W", "type", "dev")).post("/api/boards")
                .then().statusCode(403).body("error.message", equalTo("user or agent:leader required"));
        String id = leader.request().body(Map.of("name", "L", "type", "ops")).post("/api/boards")
                .then().statusCode(201).body("owner_id", equalTo(t.userId)).extract().path("id");
        worker.request().body(Map.of("name", "W")).patch("/api/boards/" + id)
                .then().statusCode(403).body("error.message", equalTo("user or agent:leader required"));
        worker.request().delete("/api/boards/" + id)
                .then().statusCode(403).body("error.message", equalTo("user or agent:leader required"));
        worker.request().get("/api/boards/" + id).then().statusCode(200).body("tasks", equalTo(List.of()));
    }

    @Test
    void listIsNewestFirstAndNameLooksUpOneBoard() {
        Tenant t = Tenant.create();
        t.asUser().get("/api/boards").then().statusCode(200).body("size()", equalTo(0));
        String first = t.asUser().body(Map.of("name", "First", "type", "dev")).post("/api/boards")
                .then().extract().path("id");
        String second = t.asUser().body(Map.of("name", "Second", "type", "ops")).post("/api/boards")
                .then().extract().path("id");
        t.asUser().get("/api/boards").then().statusCode(200).body("id", equalTo(List.of(second, first)));
        t.asUser().get("/api/boards?name=First").then().statusCode(200).body("id", equalTo(first));
        t.asUser().get("/api/boards?name=first").then().statusCode(404).body("error.message", equalTo("Board not found"));
        t.asUser().get("/api/boards?name=").then().statusCode(200).body("size()", equalTo(2));
        t.asUser().get("/api/boards/nope").then().statusCode(404).body("error.message", equalTo("Board not found"));
    }

    @Test
    void patchWritesPresentFieldsAndKeepsTheShareSlug() {
        Tenant t = Tenant.create();
        var created = t.asUser().body(Map.of("name", "Old", "type", "dev", "description", "d"))
                .post("/api/boards").then().extract();
        String id = created.path("id");
        t.asUser().body("{}").patch("/api/boards/" + id).then().statusCode(200)
                .body("updated_at", equalTo(created.path("updated_at")));
        t.asUser().body(Map.of("name", "New", "type", "ops")).patch("/api/boards/" + id).then().statusCode(200)
                .body("name", equalTo("New"))
                .body("type", equalTo("dev"))
                .body("description", equalTo("d"));
        t.asUser().body("{\"description\":null}").patch("/api/boards/" + id).then().body("description", nullValue());
        String slug = t.asUser().body(Map.of("visibility", "public")).patch("/api/boards/" + id).then()
                .statusCode(200).body("visibility", equalTo("public"))
                .body("share_slug", matchesPattern("[0-9a-z]{10}")).extract().path("share_slug");
        t.asUser().body(Map.of("visibility", "private")).patch("/api/boards/" + id).then()
                .body("visibility", equalTo("private")).body("share_slug", equalTo(slug));
        t.asUser().body(Map.of("visibility", "public")).patch("/api/boards/" + id).then()
                .body("share_slug", equalTo(slug));
        t.asUser().body(Map.of("visibility", "friends")).patch("/api/boards/" + id).then()
                .statusCode(200).body("visibility", equalTo("friends"));
        t.asUser().body("{\"name\":null}").patch("/api/boards/" + id)
                .then().statusCode(400).body("error.message", equalTo("name must be a string"));
        t.asUser().body(Map.of("name", "Other", "type", "dev")).post("/api/boards").then().statusCode(201);
        t.asUser().body(Map.of("name", "Other")).patch("/api/boards/" + id)
                .then().statusCode(409).body("error.message", equalTo("Board \"Other\" already exists"));
        t.asUser().body(Map.of("name", "New")).patch("/api/boards/" + id).then().statusCode(200);
    }

    @Test
    void deleteRemovesTheBoardWithItsTasks() {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String task = ws.task("goes too");
        ws.worker.request().body(Map.of("detail", "note")).post("/api/tasks/" + task + "/notes").then().statusCode(201);
        ws.leader.request().delete("/api/boards/" + ws.boardId).then().statusCode(200).body("ok", equalTo(true));
        ws.user().get("/api/boards/" + ws.boardId).then().statusCode(404);
        ws.user().get("/api/tasks/" + task).then().statusCode(404);
        ws.user().delete("/api/boards/" + ws.boardId).then().statusCode(404);
        ws.user().get("/api/repositories/" + ws.repoId).then().statusCode(200).body("full_name", matchesPattern("acme/.*"));
    }
}
