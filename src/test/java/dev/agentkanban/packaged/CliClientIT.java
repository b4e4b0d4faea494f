package dev.agentkanban.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.AgentJwt;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read and write command of the real {@code ak} CLI against the packaged server, as a leader
 * and as a worker: get, create, update, delete and describe of boards, tasks, agents and
 * repositories, the task lifecycle commands, notes, wait, whoami, config. Runs only when
 * {@code AK_CLI} names the client; skipped otherwise.
 */
class CliClientIT {

    /** Generous: these machines are shared, and a loaded one starts the JVM slowly. */
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path serverDir;
    private static ServerProcess server;

    @TempDir
    Path dir;
    private RealClient ak;
    private Account account;

    /** Each test is skipped, and so listed as skipped, when there is no client; the server starts once per class. */
    private static void clientAndServer() throws Exception {
        RealClient.assumePresent();
        if (server == null) {
            server = ServerProcess.startReady(serverDir, START);
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void configuredWithARunningDaemon() throws Exception {
        clientAndServer();
        ak = new RealClient(dir);
        account = Account.signUp(server);
        ak.ak("config", "set", "--api-url", account.baseUrl, "--api-key", account.apiKey).ok();
        assertThat(ak.ak("config", "get").ok()).contains("api-url: " + account.baseUrl,
                "api-key: " + account.apiKey.substring(0, 8) + "...");
        assertThat(ak.ak("config", "list").ok()).contains("* 127.0.0.1:" + server.port);
        // A leader's commands need a running daemon; it never dispatches here (see repository()).
        ak.ak("start", "--poll-interval", "5000").ok();
        Await.until("the machine registered", START, () -> account.get("/api/machines"), m -> m.size() == 1,
                ak::daemonLogText);
    }

    @AfterEach
    void stopDaemon() {
        if (ak != null) {
            ak.ak("stop");
            ak.close();
        }
    }

    @Test
    void identityAndWhoami() {
        assertThat(ak.leader("whoami").fails()).contains("No identity found for runtime \"claude\".");
        String username = "lead-" + unique();
        String created = ak.leader("identity", "create", "--username", username).ok();
        assertThat(created).contains("Created identity for claude", "Name:        " + username);
        assertThat(ak.leader("identity", "create", "--username", "again-" + unique()).fails())
                .contains("Identity for runtime \"claude\" already exists.");
        assertThat(ak.leader("whoami").ok()).contains("Runtime:     claude", "Name:        " + username);
        // Without a runtime around it, ak refuses resource commands.
        assertThat(ak.ak("get", "board").fails())
                .contains("This command requires agent identity. Run inside an agent runtime.");

        // A lost identity file is restored from the only leader of that runtime on the server.
        deleteIdentities();
        assertThat(ak.leader("get", "board").ok()).contains("No boards found.");
        assertThat(ak.leader("whoami").ok()).contains("Name:        " + username);
    }

    @Test
    void boardsRepositoriesAndAgents() throws IOException {
        lead();
        String ops = id(ak.leader("create", "board", "--name", "Ops room", "--type", "ops", "--description",
                "Runbooks", "-o", "json").ok());
        assertThat(ak.leader("create", "board", "--name", "Platform", "--type", "dev").ok())
                .startsWith("Created board ").contains(": Platform");
        assertThat(ak.leader("get", "board").ok()).contains(ops + "  Ops room — Runbooks", "Platform");
        assertThat(ak.leader("get", "board", ops).ok()).contains("Board: Ops room (0 tasks)");
        assertThat(ak.leader("update", "board", "Ops room", "--name", "Ops", "--description", "Oncall").ok())
                .isEqualTo("Updated board " + ops + ": Ops\n");
        assertThat(ak.leader("describe", "board", ops).ok()).contains("Name:          Ops", "Type:          ops",
                "Description:   Oncall", "Tasks:         0 total");
        assertThat(json(ak.leader("get", "board", ops, "-o", "json").ok()).get("type").asText()).isEqualTo("ops");
        // ak apply: the board exported as YAML (its tasks included), edited, applied back.
        Path exported = dir.resolve("board.yaml");
        Files.writeString(exported, ak.leader("get", "board", ops, "-o", "yaml").ok()
                .replace("description: Oncall", "description: Pager duty"));
        assertThat(ak.leader("apply", "-f", exported.toString()).ok()).isEqualTo("Updated board " + ops + ": Ops\n");
        assertThat(ak.leader("describe", "board", ops).ok()).contains("Description:   Pager duty");

        String url = "https://github.com/acme/" + unique();
        String repo = id(ak.leader("create", "repo", "--name", "api", "--url", url, "-o", "json").ok());
        assertThat(ak.leader("get", "repo").ok()).contains(repo + "  api  " + url);
        assertThat(ak.leader("get", "repo", repo).ok()).contains("ID:   " + repo, "URL:  " + url, "Created: ");

        String username = "dev-" + unique();
        String agent = id(ak.leader("create", "agent", "--username", username, "--name", "Backend Dev",
                "--runtime", "codex", "--role", "backend", "--bio", "Writes the API", "--model", "gpt-5-codex",
                "--skills", "acme/skills@review", "--handoff-to", "reviewer", "-o", "json").ok());
        String list = ak.leader("get", "agent").ok();
        assertThat(list).contains(agent + "  [offline]  Backend Dev (backend) codex — Writes the API")
                .doesNotContain("Lead");
        assertThat(ak.leader("get", "agent", agent).ok()).contains("Backend Dev", "Runtime:  codex",
                "Model:    gpt-5-codex", "Skills:   acme/skills@review", "Handoff:  reviewer", "Tasks:    0");
        assertThat(ak.leader("update", "agent", agent, "--bio", "Owns the API").ok())
                .isEqualTo("Updated agent " + agent + ": Backend Dev\n");
        assertThat(ak.leader("create", "agent", "--username", username, "--runtime", "codex").fails())
                .contains("Username \"" + username + "\" is already taken");

        // describe agent prints each session with its start.
        workerSession(agent);
        String described = ak.leader("describe", "agent", agent).ok();
        assertThat(described).contains("Bio:           Owns the API", "Fingerprint:", "Sessions:", "[open]  started: 20")
                .doesNotContain("undefined");

        assertThat(ak.leader("delete", "agent", agent).ok()).isEqualTo("Deleted agent " + agent + "\n");
        assertThat(ak.leader("delete", "repo", repo).ok()).isEqualTo("Deleted repository " + repo + "\n");
        assertThat(ak.leader("delete", "board", ops).ok()).isEqualTo("Deleted board " + ops + "\n");
        assertThat(ak.leader("get", "board", ops).fails()).contains("Board not found");
        assertThat(ak.leader("get", "agent", agent).fails()).contains("Agent not found");
    }

    @Test
    void tasksThroughTheirWholeLifecycle() throws IOException {
        lead();
        String board = id(ak.leader("create", "board", "--name", "Platform", "--type", "dev", "-o", "json").ok());
        String url = repository();
        String worker = id(ak.leader("create", "agent", "--username", "w-" + unique(), "--runtime", "gemini",
                "-o", "json").ok());
        JsonNode first = json(ak.leader("create", "task", "--board", board, "--title", "Add rate limiting",
                "--description", "Token bucket per IP", "--repo", url, "--priority", "high", "--labels",
                "backend, security", "--input", "{\"ticket\":\"SEC-12\"}", "--assign-to", worker, "-o", "json").ok());
        String task = first.get("id").asText();
        assertThat(first.get("labels").toString()).isEqualTo("[\"backend\",\"security\"]");
        assertThat(first.at("/input/ticket").asText()).isEqualTo("SEC-12");
        String later = id(ak.leader("create", "task", "--board", board, "--title", "Document it", "--repo", url,
                "--depends-on", task, "--parent", task, "--scheduled-at", "2099-03-28T09:00:00+02:00",
                "--assign-to", worker, "-o", "json").ok());

        assertThat(ak.leader("get", "task", "--board", board).ok())
                .contains(task + "  [todo]         [high]   Add rate limiting", later, "BLOCKED");
        assertThat(ak.leader("get", "task", "--board", board, "--label", "security", "--status", "todo", "-o", "wide")
                .ok()).contains(task).doesNotContain(later);
        assertThat(ak.leader("get", "task", later, "-o", "json").ok()).contains("\"scheduled_at\": \"2099-03-28T07:00:00.000Z\"");
        assertThat(ak.leader("get", "task", task).ok()).contains("Add rate limiting", "Status:      todo",
                "Priority:    high", "Labels:      backend, security", "Assigned to: " + worker,
                "Input: {\"ticket\":\"SEC-12\"}");
        assertThat(ak.leader("update", "task", task, "--title", "Add rate limits", "--priority", "urgent").ok())
                .isEqualTo("Updated task " + task + ": Add rate limits\n");
        // ak apply: the task exported as YAML (every field the server sent), edited, applied back.
        Path exported = dir.resolve("task.yaml");
        Files.writeString(exported, ak.leader("get", "task", task, "-o", "yaml").ok()
                .replace("priority: urgent", "priority: medium"));
        assertThat(ak.leader("apply", "-f", exported.toString()).ok())
                .isEqualTo("Updated task " + task + ": Add rate limits\n");
        assertThat(ak.leader("get", "task", task).ok()).contains("Priority:    medium");

        // The worker's side, with the environment the daemon gives it.
        Map<String, String> env = workerSession(worker);
        assertThat(ak.worker(env, "task", "claim", task).ok())
                .isEqualTo("Claimed task " + task + ": Add rate limits (now in progress)\n");
        assertThat(ak.worker(env, "task", "claim", later).fails()).isNotBlank();
        assertThat(ak.worker(env, "create", "note", "--task", task, "Reading the handler").ok())
                .isEqualTo("Log entry added.\n");
        assertThat(ak.worker(env, "task", "review", task, "--pr-url", "https://github.com/acme/api/pull/42").ok())
                .isEqualTo("Moved task " + task + " to review: Add rate limits\n");
        assertThat(ak.leader("task", "reject", task, "--reason", "Cover the burst case").ok())
                .isEqualTo("Rejected task " + task + ": Add rate limits (back to in-progress)\n");
        assertThat(ak.leader("get", "note", task).ok()).contains("rejected", "Cover the burst case", "claimed",
                "commented", "Reading the handler", "review_requested");
        ak.worker(env, "task", "review", task).ok();
        assertThat(ak.leader("wait", "task", task, "--until", "in_review", "--timeout", "30s").ok())
                .contains("[in_review]  " + task + "  Add rate limits  PR=https://github.com/acme/api/pull/42");
        assertThat(ak.leader("task", "complete", task, "--result", "Shipped").ok())
                .isEqualTo("Completed task " + task + ": Add rate limits\n");
        assertThat(ak.leader("wait", "task", task, "--timeout", "30s").ok()).contains("[done]  " + task);
        String described = ak.leader("describe", "task", task).ok();
        assertThat(described).contains("Status:        done", "Repo:", "Labels:        backend, security",
                "Reading the handler", "Cover the burst case");

        // An agent cannot release a task (only the daemon's machine key can); a leader cancels it.
        // A new task from a JSON document with the client's camelCase keys and a repository URL.
        Path created = dir.resolve("new-task.json");
        Files.writeString(created, JSON.writeValueAsString(List.of(Map.of("kind", "Task", "spec", Map.of(
                "title", "Cancel me", "boardId", board, "assignTo", worker, "repo", url)))));
        String applied = ak.leader("apply", "-f", created.toString(), "-o", "json").ok();
        String third = id(applied);
        assertThat(json(applied).get("repository_id").asText()).isNotBlank();
        ak.worker(env, "task", "claim", third).ok();
        assertThat(ak.worker(env, "task", "release", third).fails()).contains("machine required");
        assertThat(ak.leader("task", "cancel", third).ok()).isEqualTo("Cancelled task " + third + ": Cancel me\n");
        RealClient.Run waited = ak.leader("wait", "task", third, "--timeout", "30s");
        assertThat(waited.exit()).isEqualTo(2);
        assertThat(waited.err()).contains("task " + third + " was cancelled — target done unreachable");
        assertThat(ak.leader("describe", "board", board).ok()).contains("Done: 1", "Cancelled: 1");

        assertThat(ak.leader("delete", "task", later).ok()).isEqualTo("Deleted task " + later + "\n");
        assertThat(ak.leader("wait", "board", board, "--until", "all-done", "--timeout", "30s").ok())
                .isEmpty();
        assertThat(ak.leader("get", "task", later).fails()).contains("Task not found");
    }

    private void lead() {
        ak.leader("identity", "create", "--username", "lead-" + unique(), "--name", "Lead").ok();
    }

    /**
     * A repository whose clone the stand-in gh cannot make (no local origin): the daemon skips its
     * tasks, so the tests drive the worker side themselves.
     */
    private String repository() throws IOException {
        String url = "https://github.com/acme/" + unique();
        ak.leader("create", "repo", "--name", "api", "--url", url).ok();
        return url;
    }

    /** A worker session opened with the machine key, as the daemon opens one, and the worker's environment. */
    private Map<String, String> workerSession(String agentId) {
        AgentJwt key = AgentJwt.generate();
        String sessionId = UUID.randomUUID().toString();
        given().baseUri(account.baseUrl).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + account.apiKey)
                .body(Map.of("session_id", sessionId, "session_public_key", key.publicKey()))
                .post("/api/agents/" + agentId + "/sessions").then().statusCode(201);
        String jwk = JSON.createObjectNode().put("kty", "OKP").put("crv", "Ed25519").put("d", key.privateSeed())
                .put("x", key.publicKey()).toString();
        return Map.of("AK_AGENT_ID", agentId, "AK_SESSION_ID", sessionId, "AK_AGENT_KEY", jwk,
                "AK_API_URL", account.baseUrl, "AK_WORKER", "1");
    }

    private void deleteIdentities() {
        try (var files = Files.list(ak.home.resolve(".local/state/agent-kanban/identities"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String id(String json) throws IOException {
        return json(json).get("id").asText();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
