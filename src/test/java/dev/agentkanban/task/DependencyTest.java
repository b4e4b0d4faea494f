package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;
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

@QuarkusTest
class DependencyTest {

    @Inject
    AgroalDataSource db;

    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspace.create(new DirectAgents(db));
    }

    @Test
    void cyclesAreRefusedAndNothingChanges() {
        String a = ws.task("a");
        String b = ws.task("b", Map.of("depends_on", List.of(a)));
        String c = ws.task("c", Map.of("depends_on", List.of(b)));

        circular(a, List.of(a));
        circular(a, List.of(b));
        circular(a, List.of(c));
        circular(a, List.of("unknown1", c));
        ws.user().get("/api/tasks/" + a).then().body("depends_on", equalTo(List.of())).body("blocked", equalTo(false));

        String d = ws.task("d");
        ws.leader.request().body(Map.of("depends_on", List.of(c, d))).patch("/api/tasks/" + a)
                .then().statusCode(400);
        ws.leader.request().body(Map.of("depends_on", List.of(d))).patch("/api/tasks/" + c)
                .then().statusCode(200).body("depends_on", equalTo(List.of(d)));
        ws.user().get("/api/tasks/" + c).then().body("depends_on", equalTo(List.of(d)));
    }

    @Test
    void aTaskIsBlockedUntilItsDependenciesAreDoneOrCancelled() {
        String first = ws.task("first");
        String second = ws.task("second");
        String after = ws.task("after", Map.of("depends_on", List.of(second, first)));
        List<String> sorted = first.compareTo(second) < 0 ? List.of(first, second) : List.of(second, first);
        ws.user().get("/api/tasks/" + after).then().body("blocked", equalTo(true)).body("depends_on", equalTo(sorted));
        ws.user().get("/api/tasks?board_id=" + ws.boardId).then()
                .body("find { it.id == '" + after + "' }.blocked", equalTo(true))
                .body("find { it.id == '" + after + "' }.depends_on", equalTo(sorted))
                .body("find { it.id == '" + first + "' }.depends_on", equalTo(List.of()));

        blockedClaim(after);
        finish(first);
        blockedClaim(after);
        ws.worker.request().post("/api/tasks/" + second + "/claim").then().statusCode(200);
        ws.user().post("/api/tasks/" + second + "/cancel").then().statusCode(200);
        ws.user().get("/api/boards/" + ws.boardId).then()
                .body("tasks.find { it.id == '" + after + "' }.blocked", equalTo(false));
        ws.worker.request().post("/api/tasks/" + after + "/claim").then().statusCode(200);
    }

    @Test
    void aFutureScheduleRefusesTheClaimUntilItPasses() {
        String later = ws.task("later", Map.of("scheduled_at", "2999-01-01T00:00:00Z"));
        ws.worker.request().post("/api/tasks/" + later + "/claim")
                .then().statusCode(409)
                .body("error.code", equalTo("TASK_SCHEDULED"))
                .body("error.message",
                        equalTo("Task is scheduled for 2999-01-01T00:00:00.000Z and cannot be claimed before then"));
        ws.leader.request().body(Map.of("scheduled_at", "2000-01-01T00:00:00Z")).patch("/api/tasks/" + later)
                .then().statusCode(200);
        ws.worker.request().post("/api/tasks/" + later + "/claim").then().statusCode(200);
    }

    @Test
    void patchReplacesTheWholeSetAndDeletingADependencyUnblocks() {
        String a = ws.task("a");
        String b = ws.task("b");
        String t = ws.task("t", Map.of("depends_on", List.of(a)));
        ws.leader.request().body(Map.of("depends_on", List.of(b))).patch("/api/tasks/" + t).then().statusCode(200);
        ws.user().get("/api/tasks/" + t).then().body("depends_on", equalTo(List.of(b)));
        ws.leader.request().body(Map.of("title", "renamed")).patch("/api/tasks/" + t).then().statusCode(200);
        ws.user().get("/api/tasks/" + t).then().body("depends_on", equalTo(List.of(b)));
        ws.leader.request().delete("/api/tasks/" + b).then().statusCode(200);
        ws.user().get("/api/tasks/" + t).then().body("depends_on", equalTo(List.of())).body("blocked", equalTo(false));
        ws.leader.request().body(Map.of("depends_on", List.of(a))).patch("/api/tasks/" + t).then().statusCode(200);
        ws.leader.request().body(Map.of("depends_on", List.of())).patch("/api/tasks/" + t).then().statusCode(200);
        ws.user().get("/api/tasks/" + t).then().body("depends_on", equalTo(List.of()));
        ws.leader.request().body("{\"depends_on\":null}").patch("/api/tasks/" + t)
                .then().statusCode(400).body("error.message", equalTo("depends_on must be an array of task ids"));
    }

    @Test
    void dependencyListsAreCapped() {
        String t = ws.task("t");
        List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "id" + i).toList();
        ws.leader.request().body(Map.of("depends_on", many)).patch("/api/tasks/" + t)
                .then().statusCode(400).body("error.message", equalTo("depends_on has more than 100 items"));
        assertThat(many).hasSize(101);
    }

    private void finish(String id) {
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        ws.worker.request().post("/api/tasks/" + id + "/review").then().statusCode(200);
        ws.leader.request().post("/api/tasks/" + id + "/complete").then().statusCode(200);
    }

    private void blockedClaim(String id) {
        ws.worker.request().post("/api/tasks/" + id + "/claim")
                .then().statusCode(409)
                .body("error.code", equalTo("TASK_BLOCKED"))
                .body("error.message",
                        equalTo("Task is blocked by unfinished dependencies; it can be claimed once they are done or cancelled"));
        ws.user().get("/api/tasks/" + id).then().body("status", equalTo("todo"));
    }

    private void circular(String id, List<String> deps) {
        ws.leader.request().body(Map.of("depends_on", deps)).patch("/api/tasks/" + id)
                .then().statusCode(400).body("error.message", equalTo("Circular dependency detected"));
    }
}
