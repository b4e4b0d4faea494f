package dev.agentkanban.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/export: the caller's boards and tasks in one document, never another owner's. */
@QuarkusTest
class ExportTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aUserDownloadsTheirBoardsAndTasksAndNothingOfOthers() {
        Workspace mine = Workspace.create(new DirectAgents(db));
        Workspace theirs = Workspace.create(new DirectAgents(db));
        String first = mine.task("first", Map.of("labels", List.of("a", "b")));
        String second = mine.task("second", Map.of("depends_on", List.of(first)));
        mine.user().body(Map.of("sender_type", "user", "content", "hello")).post("/api/tasks/" + second + "/messages").then().statusCode(201);
        String foreign = theirs.task("not yours");

        var export = mine.user().get("/api/export").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment; filename=\"agent-kanban-export-"))
                .extract();

        assertThat(export.<String>path("format")).isEqualTo("agent-kanban-export");
        assertThat(export.<String>path("user.id")).isEqualTo(mine.tenant.userId);
        assertThat(export.<List<String>>path("boards.id")).containsExactly(mine.boardId);
        assertThat(export.<List<String>>path("repositories.id")).containsExactly(mine.repoId);
        assertThat(export.<List<String>>path("tasks.id")).containsExactly(first, second);
        assertThat(export.<List<String>>path("tasks.find { it.id == '" + first + "' }.labels")).containsExactly("a", "b");
        assertThat(export.<List<String>>path("task_dependencies.depends_on")).containsExactly(first);
        assertThat(export.<List<String>>path("task_actions.task_id")).contains(first, second).doesNotContain(foreign);
        assertThat(export.<List<String>>path("messages.content")).containsExactly("hello");
        String body = export.asString();
        assertThat(body).doesNotContain(theirs.boardId, theirs.repoId, foreign, theirs.tenant.userId);
    }

    @Test
    void onlySignedInUsersExport() {
        Tenant user = Tenant.create();
        Tenant.withKey(user.createApiKey()).get("/api/export").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/export").then().statusCode(401);
    }
}
