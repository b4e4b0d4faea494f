package dev.agentkanban.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Shape;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 8: every {@code ak task …} command and {@code ak create/get note}, with the
 * body each sends (none for claim and release, {@code {}} when no option is given) and the
 * fields its text output reads; who may do what, and the transition errors agents are told to
 * stop on.
 */
@QuarkusTest
class TaskCommandsFlowTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void aWorkerClaimsLogsNotesAndSubmitsForReview() {
        Team t = team();
        Cli ak = t.worker.cli();
        String id = t.task("Add rate limiting");

        ak.post("/api/tasks/" + id + "/claim").expect(200).is("id", id).is("title", "Add rate limiting")
                .is("status", "in_progress");
        ak.post("/api/tasks/" + id + "/claim").error(409, "Cannot claim from in_progress (allowed from: todo)");

        ak.post("/api/tasks/" + id + "/notes", Map.of("detail", "Found the handler")).expect(201);
        Shape notes = ak.get("/api/tasks/" + id + "/notes").expect(200)
                .each(n -> n.timestamps("created_at").strings("action", "actor_id").stringsOrNull("detail"));
        JsonNode last = notes.node().get(notes.node().size() - 1);
        assertThat(last.get("action").asText()).isEqualTo("commented");
        assertThat(last.get("detail").asText()).isEqualTo("Found the handler");
        assertThat(last.get("actor_id").asText()).isEqualTo(t.worker.id);
        assertThat(notes.node().get(0).get("action").asText()).isEqualTo("created");

        // --since: only newer entries; the cursor goes out percent-encoded.
        String since = last.get("created_at").asText();
        ak.post("/api/tasks/" + id + "/notes", Map.of("detail", "Wrote the test")).expect(201);
        Shape newer = ak.get("/api/tasks/" + id + "/notes", Map.of("since", since)).expect(200);
        assertThat(newer.node()).hasSize(1);
        newer.at("/0").is("detail", "Wrote the test");

        ak.post("/api/tasks/" + id + "/review", Map.of()).expect(200).is("id", id).strings("title")
                .is("status", "in_review").is("pr_url", null);
    }

    @Test
    void reviewWithAPrUrlKeepsIt() {
        Team t = team();
        String id = t.task("Fix the login bug");
        t.worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        String pr = "https://github.com/acme/api/pull/42";
        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of("pr_url", pr)).expect(200)
                .is("status", "in_review").is("pr_url", pr);
        t.leader.cli().get("/api/tasks/" + id).expect(200).is("pr_url", pr);
    }

    @Test
    void aLeaderRejectsCompletesAndCancels() {
        Team t = team();
        Cli leader = t.leader.cli();
        String id = inReview(t, "Needs two rounds");
        leader.post("/api/tasks/" + id + "/reject", Map.of()).expect(200).is("id", id).strings("title")
                .is("status", "in_progress");
        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of()).expect(200);
        leader.post("/api/tasks/" + id + "/reject", Map.of("reason", "Add a test")).expect(200);
        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of()).expect(200);
        leader.post("/api/tasks/" + id + "/complete", Map.of("result", "Shipped", "pr_url",
                        "https://github.com/acme/api/pull/9")).expect(200).is("status", "done").is("result", "Shipped")
                .is("pr_url", "https://github.com/acme/api/pull/9").strings("id", "title");

        String plain = inReview(t, "Complete without options");
        leader.post("/api/tasks/" + plain + "/complete", Map.of()).expect(200).is("status", "done")
                .is("result", null).is("pr_url", null);

        String running = t.task("Abandoned");
        t.worker.cli().post("/api/tasks/" + running + "/claim").expect(200);
        leader.post("/api/tasks/" + running + "/cancel", Map.of()).expect(200).is("status", "cancelled")
                .is("assigned_to", null).strings("id", "title");
    }

    @Test
    void onlyTheMachineReleasesSoAnAgentsReleaseIs403() {
        Team t = team();
        String id = t.task("Release me");
        t.worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        t.worker.cli().post("/api/tasks/" + id + "/release").error(403, "machine required");
        t.leader.cli().post("/api/tasks/" + id + "/release").error(403, "machine required");
        t.machine.cli().post("/api/tasks/" + id + "/release").expect(200).is("id", id).is("status", "todo")
                .strings("title");
    }

    @Test
    void permissionAndTransitionErrorsAreTheSpecsTexts() {
        Team t = team();
        String id = t.task("Guarded");
        Agent stranger = t.newWorker();
        stranger.cli().post("/api/tasks/" + id + "/claim").error(409, "Task is not assigned to this agent");
        t.leader.cli().post("/api/tasks/" + id + "/claim").error(403, "agent:worker required");
        t.worker.cli().post("/api/tasks/" + id + "/complete", Map.of())
                .error(403, "user or machine or agent:leader required");
        t.worker.cli().post("/api/tasks/" + id + "/reject", Map.of()).error(403, "user or agent:leader required");
        t.worker.cli().post("/api/tasks/" + id + "/cancel", Map.of())
                .error(403, "user or machine or agent:leader required");
        t.machine.cli().post("/api/tasks/" + id + "/notes", Map.of("detail", "x"))
                .error(403, "agent:worker or agent:leader required");

        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of())
                .error(409, "Cannot review from todo (allowed from: in_progress)");
        t.leader.cli().post("/api/tasks/" + id + "/complete", Map.of())
                .error(409, "Cannot complete from todo (allowed from: in_review)");
        t.leader.cli().post("/api/tasks/" + id + "/reject", Map.of())
                .error(409, "Cannot reject from todo (allowed from: in_review)");
        t.leader.cli().post("/api/tasks/" + id + "/cancel", Map.of())
                .error(409, "Cannot cancel from todo (allowed from: in_progress, in_review)");
        t.machine.cli().post("/api/tasks/" + id + "/release")
                .error(409, "Cannot release from todo (allowed from: in_progress)");
        t.worker.cli().post("/api/tasks/zzzzzzzzzzzz/claim").error(404, "Task not found");
    }

    @Test
    void leadersAlsoLogNotesAndAnEmptyNoteIsRefused() {
        Team t = team();
        String id = t.task("Noted");
        t.leader.cli().post("/api/tasks/" + id + "/notes", Map.of("detail", "Priority raised")).expect(201);
        t.leader.cli().post("/api/tasks/" + id + "/notes", Map.of("detail", "")).error(400, "detail is required");
        t.machine.cli().get("/api/tasks/" + id + "/notes").expect(200).find("detail", "Priority raised")
                .is("action", "commented").is("actor_id", t.leader.id);
    }

    private static String inReview(Team t, String title) {
        String id = t.task(title);
        t.worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of()).expect(200);
        return id;
    }
}
