package dev.agentkanban.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Reply;
import dev.agentkanban.support.Shape;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 9 and 10: {@code ak get/describe/create/update/delete/apply/wait} for boards,
 * tasks, agents, repositories and notes, as agents run them (with their session JWT), and the
 * JSON type of every field their output reads ({@code -o json} shows the raw answer).
 */
@QuarkusTest
class ResourceCommandsFlowTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void boards() {
        Team t = team();
        Cli ak = t.leader.cli();
        String name = "Platform " + UUID.randomUUID();
        String id = ak.post("/api/boards", Map.of("name", name, "type", "dev", "description", "Backend work"))
                .expect(201).is("name", name).text("id");
        ak.post("/api/boards", Map.of("name", "Ops " + UUID.randomUUID(), "type", "ops")).expect(201)
                .is("description", null).strings("id", "name");

        ak.get("/api/boards").expect(200).each(b -> b.strings("id", "name").stringsOrNull("description"))
                .find("id", id).is("description", "Backend work");
        String taskId = t.task("On the board", Map.of("board_id", id, "priority", "urgent"));
        Shape board = t.worker.cli().get("/api/boards/" + id).expect(200).is("name", name).is("id", id)
                .is("type", "dev").is("description", "Backend work").arrays("tasks");
        board.at("/tasks").each(task -> task.strings("id", "title", "status").booleans("blocked")
                .stringsOrNull("assigned_to", "pr_url", "priority"));
        board.at("/tasks").find("id", taskId).is("priority", "urgent").is("blocked", false)
                .is("assigned_to", t.worker.id).is("pr_url", null);

        // update board <id-or-name>: by id, then by name after the id lookup failed.
        ak.patch("/api/boards/" + id, Map.of("description", "Backend and API")).expect(200).is("id", id)
                .is("name", name);
        String renamed = name + " v2";
        ak.get("/api/boards/" + name).error(404, "Board not found");
        String found = ak.get("/api/boards").expect(200).find("name", name).text("id");
        ak.patch("/api/boards/" + found, Map.of("name", renamed)).expect(200).is("id", id).is("name", renamed);

        t.worker.cli().post("/api/boards", Map.of("name", "Nope", "type", "dev"))
                .error(403, "user or agent:leader required");
        String doomed = ak.post("/api/boards", Map.of("name", "Doomed " + UUID.randomUUID(), "type", "ops")).expect(201)
                .text("id");
        ak.delete("/api/boards/" + doomed).expect(200).is("ok", true);
        ak.get("/api/boards/" + doomed).error(404, "Board not found");
    }

    @Test
    void tasks() throws Exception {
        Team t = team();
        Cli ak = t.leader.cli();
        String parent = t.task("Parent task");
        // --repo given as a URL: the CLI looks the id up by the normalised URL first.
        String sshUrl = "git@github.com:" + t.repoUrl.substring("https://github.com/".length()) + ".git";
        String byUrl = ak.get("/api/repositories", Map.of("url", sshUrl)).expect(200).at("/0").text("id");
        assertThat(byUrl).isEqualTo(t.repoId);
        ak.get("/api/repositories", Map.of("url", t.repoUrl + ".git")).expect(200).at("/0").is("id", t.repoId);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Add rate limiting");
        body.put("board_id", t.boardId);
        body.put("description", "Token bucket per IP");
        body.put("repository_id", byUrl);
        body.put("priority", "high");
        body.put("labels", List.of("needs review", "setup:lefthook"));
        body.put("assigned_to", t.worker.id);
        body.put("created_from", parent);
        body.put("depends_on", List.of(parent));
        body.put("scheduled_at", "2030-01-01T08:00:00.000Z");
        body.put("input", Map.of("ticket", "SEC-12", "paths", List.of("/login")));
        String id = ak.post("/api/tasks", body).expect(201).is("title", "Add rate limiting").integers("seq")
                .is("scheduled_at", "2030-01-01T08:00:00.000Z").text("id");

        // get task --board B --status S --label L --repo R, form-encoded.
        Shape list = ak.get("/api/tasks", Map.of("board_id", t.boardId, "status", "todo", "label", "needs review",
                "repository_id", t.repoId)).expect(200);
        assertThat(list.node()).hasSize(1);
        list.at("/0").is("id", id).is("status", "todo").is("priority", "high").is("title", "Add rate limiting")
                .is("blocked", true).is("repository_name", "api").is("assigned_to", t.worker.id).is("pr_url", null)
                .timestamps("created_at");
        assertThat(ak.get("/api/tasks", Map.of("board_id", t.boardId, "label", "setup:lefthook")).expect(200)
                .node()).hasSize(1);

        // get task <id>
        Shape detail = ak.get("/api/tasks/" + id).expect(200).is("title", "Add rate limiting").is("id", id)
                .is("status", "todo").is("blocked", true).is("priority", "high").arrays("labels", "depends_on")
                .is("assigned_to", t.worker.id).is("repository_name", "api").is("pr_url", null)
                .is("description", "Token bucket per IP").objects("input").is("result", null);
        assertThat(detail.node().get("depends_on").get(0).asText()).isEqualTo(parent);
        assertThat(detail.node().get("labels").get(0).asText()).isEqualTo("needs review");

        // describe task: three reads in parallel.
        t.worker.cli().post("/api/tasks/" + id + "/messages",
                Map.of("sender_type", "agent", "sender_id", t.worker.id, "content", "On it")).expect(201);
        var task = CompletableFuture.supplyAsync(() -> ak.get("/api/tasks/" + id));
        var notes = CompletableFuture.supplyAsync(() -> ak.get("/api/tasks/" + id + "/notes"));
        var messages = CompletableFuture.supplyAsync(() -> ak.get("/api/tasks/" + id + "/messages"));
        task.get().expect(200).strings("title", "id", "status", "priority", "board_id", "repository_name",
                        "assigned_to", "description").arrays("labels", "depends_on").timestamps("created_at")
                .booleans("blocked").stringsOrNull("pr_url");
        notes.get().expect(200).each(n -> n.timestamps("created_at").strings("action").stringsOrNull("detail"));
        messages.get().expect(200).each(m -> m.timestamps("created_at").strings("sender_type", "sender_id", "content"));

        // update task
        ak.patch("/api/tasks/" + id, Map.of("title", "Add rate limiting to /login", "priority", "urgent",
                        "labels", List.of("backend"), "depends_on", List.of(), "input", Map.of("ticket", "SEC-13"),
                        "repository_id", byUrl, "description", "Per IP and per user"))
                .expect(200).is("id", id).is("title", "Add rate limiting to /login");
        ak.get("/api/tasks/" + id).expect(200).is("priority", "urgent").is("blocked", false);

        // delete task
        ak.delete("/api/tasks/" + id).expect(200).is("ok", true);
        ak.get("/api/tasks/" + id).error(404, "Task not found");
        // A worker may create tasks, and update and delete only those it created.
        Cli worker = t.worker.cli();
        String own = worker.post("/api/tasks", t.taskBody("Follow-up", Map.of("created_from", parent))).expect(201)
                .text("id");
        worker.patch("/api/tasks/" + own, Map.of("description", "Found while working")).expect(200).is("id", own);
        worker.patch("/api/tasks/" + parent, Map.of("description", "x"))
                .error(403, "Workers can only update tasks they created");
        worker.delete("/api/tasks/" + parent).error(403, "Workers can only delete tasks they created");
        worker.delete("/api/tasks/" + own).expect(200).is("ok", true);
    }

    @Test
    void agents() throws Exception {
        Team t = team();
        Cli ak = t.leader.cli();
        String username = Machine.uniqueUsername();
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("name", "Backend Dev");
        create.put("username", username);
        create.put("runtime", "codex");
        create.put("bio", "Writes the API");
        create.put("soul", "Careful and terse.");
        create.put("role", "backend");
        create.put("model", "gpt-5-codex");
        create.put("kind", "worker");
        create.put("handoff_to", List.of("reviewer"));
        create.put("skills", List.of("obra/superpowers@verification-before-completion"));
        String id = ak.post("/api/agents", create).expect(201).is("name", "Backend Dev").is("role", "backend")
                .text("id");

        // get agent: the CLI drops leaders itself.
        Shape all = ak.get("/api/agents").expect(200).each(a -> a.strings("id", "status", "name", "runtime", "kind")
                .stringsOrNull("role", "bio").integers("builtin"));
        all.find("id", id).is("status", "offline").is("bio", "Writes the API").is("runtime", "codex");
        all.find("id", t.leader.id).is("kind", "leader").is("status", "online");

        ak.get("/api/agents/" + id).expect(200).is("name", "Backend Dev").is("id", id).is("status", "offline")
                .is("role", "backend").is("bio", "Writes the API").is("runtime", "codex").is("model", "gpt-5-codex")
                .arrays("skills", "handoff_to").is("task_count", 0);

        // describe agent: the agent and its sessions in parallel.
        var agent = CompletableFuture.supplyAsync(() -> ak.get("/api/agents/" + t.worker.id));
        var sessions = CompletableFuture.supplyAsync(() -> ak.get("/api/agents/" + t.worker.id + "/sessions"));
        agent.get().expect(200).strings("fingerprint").timestampsOrNull("last_active_at").integers("task_count");
        // The client prints each session's `started_at` and `closed_at` (open or closed).
        Shape listed = sessions.get().expect(200)
                .each(s -> s.strings("id").timestampsOrNull("closed_at").timestamps("created_at", "started_at"));
        Shape open = listed.find("id", t.worker.sessionId).is("closed_at", null);
        open.is("started_at", open.text("created_at"));

        // update agent: kind is sent but not changed.
        ak.patch("/api/agents/" + id, Map.of("bio", "Owns the API", "kind", "leader", "skills", List.of()))
                .expect(200).is("id", id).is("name", "Backend Dev").is("kind", "worker");
        ak.get("/api/agents/" + id).expect(200).is("bio", "Owns the API").is("kind", "worker");

        t.worker.cli().post("/api/agents", Map.of("name", "x", "username", Machine.uniqueUsername(),
                "runtime", "claude")).error(403, "user or machine or agent:leader required");
        ak.post("/api/agents", Map.of("name", "x", "username", Machine.uniqueUsername(), "runtime", "claude-code"))
                .error(400, "Invalid runtime \"claude-code\". Must be one of: claude, codex, gemini");
        ak.delete("/api/agents/" + id).expect(200).is("ok", true);
        ak.get("/api/agents/" + id).error(404, "Agent not found");
    }

    @Test
    void repositories() {
        Team t = team();
        Cli ak = t.leader.cli();
        String url = "https://github.com/acme/" + UUID.randomUUID();
        String id = ak.post("/api/repositories", Map.of("name", "web", "url", url + ".git")).expect(201)
                .is("name", "web").text("id");
        ak.get("/api/repositories").expect(200).each(r -> r.strings("id", "name", "url"))
                .find("id", id).is("url", url);
        ak.get("/api/repositories/" + id).expect(200).is("name", "web").is("id", id).is("url", url)
                .timestamps("created_at");
        ak.delete("/api/repositories/" + id).expect(200).is("ok", true);
        ak.get("/api/repositories/" + id).error(404, "Repository not found");
    }

    @Test
    void applyCreatesOrPatchesEachDocumentInTurn() {
        Team t = team();
        Cli ak = t.leader.cli();
        // kind: board, no id → POST; with id → PATCH (type ignored).
        String board = ak.post("/api/boards", Map.of("name", "Applied " + UUID.randomUUID(), "type", "dev"))
                .expect(201).text("id");
        ak.patch("/api/boards/" + board, Map.of("description", "From YAML", "type", "ops")).expect(200)
                .is("type", "dev").is("description", "From YAML");

        // kind: task without id, camelCase keys renamed by the client.
        Map<String, Object> spec = new HashMap<>();
        spec.put("title", "Applied task");
        spec.put("board_id", t.boardId);
        spec.put("repository_id", t.repoId);
        spec.put("assigned_to", t.worker.id);
        spec.put("scheduled_at", "2030-01-01T00:00:00Z");
        spec.put("priority", "low");
        String task = ak.post("/api/tasks", spec).expect(201).is("scheduled_at", "2030-01-01T00:00:00.000Z")
                .text("id");
        // kind: task with id: the whole spec minus id; status, assigned_to and board_id are echoed, not stored.
        Map<String, Object> patch = new HashMap<>(spec);
        patch.put("title", "Applied task, edited");
        patch.put("status", "done");
        patch.put("assigned_to", t.leader.id);
        patch.put("board_id", "elsewhere");
        patch.put("pr_url", "https://github.com/acme/api/pull/3");
        ak.patch("/api/tasks/" + task, patch).expect(200).is("id", task).is("title", "Applied task, edited");
        ak.get("/api/tasks/" + task).expect(200).is("status", "todo").is("assigned_to", t.worker.id)
                .is("board_id", t.boardId).is("pr_url", "https://github.com/acme/api/pull/3");

        // kind: agent, then repo (always POST): a second apply of the same repo is an error that aborts.
        String username = Machine.uniqueUsername();
        String agent = ak.post("/api/agents", Map.of("username", username, "name", "Applied", "runtime", "gemini"))
                .expect(201).text("id");
        ak.patch("/api/agents/" + agent, Map.of("username", username, "name", "Applied again", "handoff_to",
                List.of("qa"))).expect(200).is("name", "Applied again");
        Map<String, String> repo = Map.of("name", "applied", "url", "https://github.com/acme/" + UUID.randomUUID());
        ak.post("/api/repositories", repo).expect(201);
        Reply again = ak.post("/api/repositories", repo);
        assertThat(again.status()).isBetween(400, 499);
        again.expect(again.status()).at("/error").strings("code", "message");
    }

    @Test
    void waitPollsTasksAndBoards() {
        Team t = team();
        Cli ak = t.leader.cli();
        String id = t.task("Waited on", Map.of("labels", List.of("wave-1")));
        ak.get("/api/tasks/" + id).expect(200).is("status", "todo").is("id", id).is("title", "Waited on")
                .is("pr_url", null);
        t.worker.cli().post("/api/tasks/" + id + "/claim").expect(200);
        t.worker.cli().post("/api/tasks/" + id + "/review", Map.of("pr_url", "https://github.com/acme/api/pull/5"))
                .expect(200);
        ak.get("/api/tasks/" + id).expect(200).is("status", "in_review")
                .is("pr_url", "https://github.com/acme/api/pull/5");
        Shape wave = ak.get("/api/tasks", Map.of("board_id", t.boardId, "label", "wave-1")).expect(200)
                .each(task -> task.strings("id", "status", "title").stringsOrNull("pr_url"));
        assertThat(wave.node()).hasSize(1);
        wave.at("/0").is("id", id).is("status", "in_review");
    }

    @Test
    void jsonOutputKeepsTheServersTypes() {
        Team t = team();
        JsonNode agents = t.leader.cli().get("/api/agents").expect(200).node();
        agents.forEach(a -> Shape.of(a).integers("builtin"));
        String id = t.task("Typed");
        t.leader.cli().get("/api/tasks", Map.of("board_id", t.boardId)).expect(200)
                .each(task -> task.booleans("blocked").arraysOrNull("labels").integers("seq"))
                .find("id", id).is("labels", null).is("input", null);
    }
}
