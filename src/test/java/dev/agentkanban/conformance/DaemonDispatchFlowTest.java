package dev.agentkanban.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Reply;
import dev.agentkanban.support.Shape;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 6.4-6.7: one poll tick of the daemon (kill cancelled, reap orphans, review
 * watch, dispatch with the lefthook setup step), a worker's run with the calls the daemon makes
 * on its behalf, its end, the resume after a rejection, and the PR monitor.
 */
@QuarkusTest
class DaemonDispatchFlowTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void aPollTickListsTodoTasksWithEveryFieldTheDaemonFiltersOn() {
        Team t = team();
        String first = t.task("Add rate limiting", Map.of("description", "Token bucket per IP", "priority", "high",
                "labels", List.of("backend"), "input", Map.of("ticket", "SEC-12")));
        String blocked = t.task("Document rate limits", Map.of("depends_on", List.of(first)));
        String later = t.task("Rotate keys", Map.of("scheduled_at", "2099-03-28T09:00:00+02:00"));
        String opsBoard = t.leader.cli().post("/api/boards", Map.of("name", "Ops " + UUID.randomUUID(), "type", "ops"))
                .expect(201).text("id");
        String ops = t.leader.cli().post("/api/tasks",
                        Map.of("title", "Restart workers", "board_id", opsBoard, "assigned_to", t.worker.id))
                .expect(201).text("id");

        Cli daemon = t.machine.cli();
        Reply todo = daemon.get("/api/tasks", Map.of("status", "todo"));
        Shape tasks = todo.expect(200).each(task -> task
                .strings("id", "title", "board_id", "board_type", "assigned_to", "status")
                .stringsOrNull("description", "priority", "repository_id", "repository_name")
                .booleans("blocked")
                .timestampsOrNull("scheduled_at")
                .arraysOrNull("labels")
                .arrays("depends_on"));
        tasks.find("id", first).is("blocked", false).is("board_type", "dev").is("repository_id", t.repoId)
                .is("priority", "high").is("description", "Token bucket per IP").is("assigned_to", t.worker.id)
                .is("board_id", t.boardId).is("repository_name", "api").at("/input").is("ticket", "SEC-12");
        assertThat(tasks.find("id", first).node().get("labels").get(0).asText()).isEqualTo("backend");
        Shape dependent = tasks.find("id", blocked).is("blocked", true);
        assertThat(dependent.node().get("depends_on").get(0).asText()).isEqualTo(first);
        // Compared as text against new Date().toISOString(), so it must be 24-char UTC.
        tasks.find("id", later).is("scheduled_at", "2099-03-28T07:00:00.000Z").is("blocked", false);
        tasks.find("id", ops).is("board_type", "ops").is("repository_id", null).is("labels", null);
        assertThat(positions(todo.json())).isSorted();

        daemon.get("/api/repositories").expect(200).each(repo -> repo.strings("id", "url").stringsOrNull("full_name"))
                .find("id", t.repoId).is("url", t.repoUrl)
                .is("full_name", t.repoUrl.substring("https://github.com/".length()));
        daemon.get("/api/agents/" + t.worker.id).expect(200).is("runtime", "claude");
    }

    @Test
    void aDispatchedWorkerClaimsNotesChatsReportsUsageAndSubmitsForReview() throws Exception {
        Team t = team();
        String taskId = t.task("Add rate limiting to /login");
        Cli daemon = t.machine.cli();

        // Step 5: a fresh key pair and UUID; the 201 body is not used, but it is JSON.
        Agent worker = t.machine.session(t.worker.id);
        assertThat(worker.delegationProof).matches("[A-Za-z0-9_-]{86}");
        // Step 6: everything the daemon puts into the worker's prompt and environment.
        String subkey = daemon.get("/api/agents/" + t.worker.id).expect(200)
                .strings("id", "name", "username", "runtime", "gpg_subkey_id")
                .stringsOrNull("model", "role", "soul")
                .arraysOrNull("skills", "handoff_to")
                .text("gpg_subkey_id");
        assertThat(subkey).isEqualTo(t.worker.id.toUpperCase());
        // Step 7: the key GnuPG imports so the worker signs its commits.
        assertThat(daemon.get("/api/agents/" + t.worker.id + "/gpg-key").expect(200).text("armored_private_key"))
                .startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        daemon.get("/api/repositories").expect(200).find("id", t.repoId).is("url", t.repoUrl);

        // The worker's own commands (client protocol 8), each with a fresh JWT.
        Cli ak = worker.cli();
        ak.post("/api/tasks/" + taskId + "/claim").expect(200).is("id", taskId).is("status", "in_progress")
                .strings("title");
        ak.post("/api/tasks/" + taskId + "/notes", Map.of("detail", "Reading the login handler")).expect(201);

        // What the daemon reports with the worker's key while it runs.
        ak.post("/api/tasks/" + taskId + "/messages",
                        Map.of("sender_type", "agent", "sender_id", worker.id, "content", "Looking at /login"))
                .expect(201).is("sender_type", "agent").is("sender_id", worker.id);
        String usage = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId + "/usage";
        ak.patch(usage, usage(1500, 800, 9000, 120, 0)).expect(200).is("ok", true);
        ak.patch(usage, usage(500, 200, 0, 0, 0)).expect(200).is("ok", true);

        String pr = "https://github.com/acme/api/pull/42";
        ak.post("/api/tasks/" + taskId + "/review", Map.of("pr_url", pr)).expect(200).is("status", "in_review")
                .is("pr_url", pr);

        // The process ended with a result: the close, the final cost and the last chat message are
        // all fire-and-forget, so they may reach the server in any order.
        String session = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId;
        var close = CompletableFuture.supplyAsync(() -> daemon.delete(session));
        var cost = CompletableFuture.supplyAsync(() -> ak.patch(usage, usage(0, 0, 0, 0, 412345)));
        var last = CompletableFuture.supplyAsync(() -> ak.post("/api/tasks/" + taskId + "/messages",
                Map.of("sender_type", "agent", "sender_id", worker.id, "content", "Opened the PR")));
        close.get().expect(200).is("ok", true);
        cost.get().expect(200).is("ok", true);
        last.get().expect(201);
        // After the close has certainly landed, the session's key still works.
        ak.post("/api/tasks/" + taskId + "/messages",
                Map.of("sender_type", "agent", "sender_id", worker.id, "content", "Done")).expect(201);
        ak.patch(usage, usage(0, 0, 0, 0, 1)).expect(200);

        daemon.get("/api/agents/" + worker.id + "/sessions").expect(200).find("id", worker.sessionId)
                .is("status", "closed").is("cost_micro_usd", 412346).is("input_tokens", 2000)
                .is("output_tokens", 1000).is("cache_read_tokens", 9000).is("cache_creation_tokens", 120);
        assertThat(t.leader.cli().get("/api/tasks/" + taskId + "/messages").expect(200).node()).hasSize(3);
    }

    @Test
    void sessionCreationThatFailsSkipsTheTaskAndTheAbortPathGetsJson() {
        Team t = team();
        Cli daemon = t.machine.cli();
        Map<String, String> fresh = Map.of("session_id", UUID.randomUUID().toString(), "session_public_key",
                AgentJwt.generate().publicKey());
        daemon.post("/api/agents/ffffffffffffffff/sessions", fresh).error(404, "Agent not found");
        daemon.post("/api/agents/" + t.worker.id + "/sessions", fresh).expect(201);
        daemon.post("/api/agents/" + t.worker.id + "/sessions", fresh).error(409, "Session already exists");

        // Abort path: the task is still todo, so the release is a 409 the daemon counts as a tick failure.
        String taskId = t.task("Never started");
        daemon.post("/api/tasks/" + taskId + "/release")
                .error(409, "Cannot release from todo (allowed from: in_progress)");
        daemon.delete("/api/agents/" + t.worker.id + "/sessions/" + UUID.randomUUID()).expect(200).is("ok", true);
        daemon.post("/api/tasks/zzzzzzzzzzzz/release").error(404, "Task not found");
    }

    @Test
    void theReviewWatchFindsTheRejectionAndTheResumeReopensTheSameSession() {
        Team t = team();
        Cli daemon = t.machine.cli();
        Agent worker = t.machine.session(t.worker.id);
        String taskId = t.task("Fix the flaky test");
        String pr = "https://github.com/acme/api/pull/7";
        worker.cli().post("/api/tasks/" + taskId + "/claim").expect(200);
        worker.cli().post("/api/tasks/" + taskId + "/review", Map.of("pr_url", pr)).expect(200);
        String session = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId;
        daemon.delete(session).expect(200);

        t.leader.cli().post("/api/tasks/" + taskId + "/reject", Map.of("reason", "Tests still fail")).expect(200)
                .is("status", "in_progress");
        daemon.get("/api/tasks/" + taskId).expect(200).is("status", "in_progress");
        Shape notes = daemon.get("/api/tasks/" + taskId + "/notes").expect(200)
                .each(n -> n.strings("action").timestamps("created_at").stringsOrNull("detail"));
        assertThat(lastOf(notes.node(), "rejected").get("detail").asText()).isEqualTo("Tests still fail");

        // Resume: same session id and key; no body on the reopen.
        daemon.post(session + "/reopen").expect(200).is("ok", true);
        daemon.get("/api/agents/" + worker.id + "/gpg-key").expect(200);
        worker.cli().post("/api/tasks/" + taskId + "/review", Map.of()).expect(200).is("status", "in_review")
                .is("pr_url", pr);
        // A second reopen of the now active session fails; the daemon backs off on any failure.
        daemon.post(session + "/reopen").error(409, "Session " + worker.sessionId + " not found or not closed");

        // Without a reason the daemon prompts "No reason provided".
        t.leader.cli().post("/api/tasks/" + taskId + "/reject", Map.of()).expect(200);
        assertThat(lastOf(daemon.get("/api/tasks/" + taskId + "/notes").expect(200).node(), "rejected")
                .get("detail").isNull()).isTrue();
    }

    @Test
    void killCancelledAndReapOrphansUseTheMachineKey() {
        Team t = team();
        Cli daemon = t.machine.cli();
        Agent worker = t.machine.session(t.worker.id);
        String cancelled = t.task("Cancelled while running");
        worker.cli().post("/api/tasks/" + cancelled + "/claim").expect(200);
        t.leader.cli().post("/api/tasks/" + cancelled + "/cancel", Map.of()).expect(200);
        daemon.get("/api/tasks/" + cancelled).expect(200).is("status", "cancelled");
        daemon.delete("/api/agents/" + worker.id + "/sessions/" + worker.sessionId).expect(200).is("ok", true);

        // An orphan left by a previous daemon: still in progress, so it is released (assignee kept).
        Agent other = t.machine.session(t.worker.id);
        String orphan = t.task("Orphaned");
        other.cli().post("/api/tasks/" + orphan + "/claim").expect(200);
        daemon.get("/api/tasks/" + orphan).expect(200).is("status", "in_progress");
        daemon.post("/api/tasks/" + orphan + "/release").expect(200).is("status", "todo")
                .is("assigned_to", t.worker.id);
        daemon.get("/api/tasks/zzzzzzzzzzzz").error(404, "Task not found");
    }

    @Test
    void thePrMonitorCompletesMergedAndCancelsClosedPullRequests() {
        Team t = team();
        Cli daemon = t.machine.cli();
        Agent worker = t.machine.session(t.worker.id);
        String merged = inReview(t, worker, "Merged one", "https://github.com/acme/api/pull/1");
        String closed = inReview(t, worker, "Closed one", "https://github.com/acme/api/pull/2");
        String running = t.task("Still running");
        worker.cli().post("/api/tasks/" + running + "/claim").expect(200);

        daemon.get("/api/tasks/" + merged).expect(200).is("pr_url", "https://github.com/acme/api/pull/1");
        daemon.post("/api/tasks/" + merged + "/complete", Map.of("result", "PR merged")).expect(200)
                .is("status", "done").is("result", "PR merged");
        daemon.post("/api/tasks/" + closed + "/cancel", Map.of()).expect(200).is("status", "cancelled")
                .is("assigned_to", null);
        daemon.post("/api/tasks/" + running + "/complete", Map.of("result", "PR merged"))
                .error(409, "Cannot complete from in_progress (allowed from: in_review)");
    }

    @Test
    void theLefthookSetupTaskIsCreatedAndWiredInWithTheMachineKey() {
        Team t = team();
        Cli daemon = t.machine.cli();
        String repoId = t.leader.cli().post("/api/repositories",
                        Map.of("name", "web", "url", "https://github.com/acme/" + UUID.randomUUID()))
                .expect(201).text("id");
        String first = t.task("Feature A", Map.of("repository_id", repoId));
        String second = t.task("Feature B", Map.of("repository_id", repoId, "depends_on", List.of(first)));

        Shape agents = daemon.get("/api/agents").expect(200).each(a -> a.strings("id", "kind", "runtime")
                .integers("builtin").stringsOrNull("role"));
        String goalkeeper = goalkeeper(agents.node());
        String setup = daemon.post("/api/tasks", Map.of("title", "Setup lefthook quality gates for this repository",
                        "description", "Install lefthook with the project's checks.", "board_id", t.boardId,
                        "repository_id", repoId, "labels", List.of("setup:lefthook"), "assigned_to", goalkeeper))
                .expect(201).is("status", "todo").is("created_by", t.machine.id).text("id");
        Shape todo = daemon.get("/api/tasks", Map.of("status", "todo")).expect(200);
        for (String id : List.of(first, second)) {
            List<String> deps = new ArrayList<>();
            todo.find("id", id).node().get("depends_on").forEach(d -> deps.add(d.asText()));
            deps.add(setup);
            daemon.patch("/api/tasks/" + id, Map.of("depends_on", deps)).expect(200);
        }
        todo = daemon.get("/api/tasks", Map.of("status", "todo")).expect(200);
        todo.find("id", first).is("blocked", true);
        todo.find("id", second).is("blocked", true);
        assertThat(todo.find("id", second).node().get("depends_on")).hasSize(2);
        Shape setupTask = todo.find("id", setup).is("blocked", false).is("assigned_to", goalkeeper);
        assertThat(setupTask.node().get("labels").get(0).asText()).isEqualTo("setup:lefthook");

        // Later ticks dispatch the setup task to the built-in agent, which has no signing subkey.
        daemon.get("/api/agents/" + goalkeeper).expect(200).is("runtime", "claude").is("gpg_subkey_id", null);
        Agent keeper = t.machine.session(goalkeeper);
        keeper.cli().post("/api/tasks/" + setup + "/claim").expect(200).is("status", "in_progress");
        keeper.cli().post("/api/tasks/" + setup + "/review", Map.of()).expect(200);
        t.leader.cli().post("/api/tasks/" + setup + "/complete", Map.of()).expect(200);
        daemon.get("/api/tasks", Map.of("status", "todo")).expect(200).find("id", first).is("blocked", false);
    }

    private static String inReview(Team t, Agent worker, String title, String pr) {
        String id = t.task(title);
        worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        worker.cli().post("/api/tasks/" + id + "/review", Map.of("pr_url", pr)).expect(200);
        return id;
    }

    private static String goalkeeper(JsonNode agents) {
        for (JsonNode a : agents) {
            if (a.get("builtin").asInt() != 0 && "quality-goalkeeper".equals(a.get("role").asText(null))) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("no built-in quality-goalkeeper in " + agents);
    }

    private static JsonNode lastOf(JsonNode notes, String action) {
        JsonNode found = null;
        for (JsonNode n : notes) {
            if (action.equals(n.get("action").asText())) {
                found = n;
            }
        }
        assertThat(found).as("a %s note in %s", action, notes).isNotNull();
        return found;
    }

    private static List<Double> positions(JsonNode tasks) {
        List<Double> out = new ArrayList<>();
        tasks.forEach(task -> out.add(task.get("position").asDouble()));
        return out;
    }

    /** The five integer increments the daemon always sends. */
    private static Map<String, Long> usage(long input, long output, long cacheRead, long cacheCreation, long cost) {
        return Map.of("input_tokens", input, "output_tokens", output, "cache_read_tokens", cacheRead,
                "cache_creation_tokens", cacheCreation, "cost_micro_usd", cost);
    }
}
