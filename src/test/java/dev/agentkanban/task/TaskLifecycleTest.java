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
}
