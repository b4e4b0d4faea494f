package dev.agentkanban.packaged;

import static dev.agentkanban.packaged.BrowserSocket.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ak} daemon against the packaged server: {@code ak start}, a leader that plans the
 * work, a worker dispatched through the stand-in {@code gemini} runtime, review, reject and resume of
 * the same session, completion, usage, cancellation of a running worker, a browser on the relay,
 * {@code ak stop}. Runs only when {@code AK_CLI} names the client; skipped otherwise.
 */
class DaemonClientIT {

    /** Generous: these machines are shared, and a loaded one starts the JVM slowly. */
    private static final Duration START = Duration.ofSeconds(120);
    /** A few poll ticks of the daemon (5 s each, its minimum) and the worker's own ak calls, on a loaded machine. */
    private static final Duration DAEMON = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path serverDir;
    private static ServerProcess server;

    @TempDir
    Path dir;
    private RealClient ak;
    private Account account;
    private final List<AutoCloseable> open = new ArrayList<>();

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
    void newUser() throws Exception {
        clientAndServer();
        ak = new RealClient(dir);
        account = Account.signUp(server);
    }

    @AfterEach
    void killEverything() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (ak != null) {
            ak.close();
        }
    }

    @Test
    void aWorkerIsDispatchedRejectedResumedInTheSameSessionAndCompleted() throws Exception {
        startDaemon(account.baseUrl);
        leaderRuntimeLog();
        String leader = createLeader();
        initOrigin("acme/health");
        String board = id(ak.leader("create", "board", "--name", "Platform", "--type", "dev", "-o", "json").ok());
        String repo = id(ak.leader("create", "repo", "--name", "health", "--url", "https://github.com/acme/health",
                "-o", "json").ok());
        String worker = createWorker("gemini");
        JsonNode task = json(ak.leader("create", "task", "--board", board, "--title", "Add a health check",
                "--description", "GET /health answers 200", "--priority", "high",
                "--repo", "https://github.com/acme/health", "--assign-to", worker, "-o", "json").ok());
        String taskId = task.get("id").asText();
        assertThat(task.get("repository_id").asText()).isEqualTo(repo);

        // Dispatch: the daemon clones the repository (stand-in gh), makes a worktree, installs the
        // skill (stand-in npx), imports the agent's signing key (stand-in gpg) and starts gemini.
        awaitStatus(taskId, "in_review");
        JsonNode session = awaitSession(worker, s -> "closed".equals(s.path("status").asText())
                && s.path("input_tokens").asLong() == 1000);
        String sessionId = session.get("id").asText();
        assertThat(session.get("output_tokens").asLong()).isEqualTo(200);
        assertThat(ak.standInLog()).contains("Claimed task " + taskId, "Log entry added.",
                "Moved task " + taskId + " to review");
        assertThat(RealClient.read(ak.state.resolve("gh.log"))).contains("repo clone acme/health");
        assertThat(RealClient.read(ak.state.resolve("npx.log"))).contains("skills add saltbo/agent-kanban");
        assertThat(RealClient.read(ak.state.resolve("gpg.log"))).contains("imported");
        awaitLog("Task " + taskId + " in review, preserving worktree");
        assertThat(actions(taskId)).containsSubsequence("created", "claimed", "commented", "review_requested");
        assertThat(messages(taskId)).contains("working on " + taskId);

        try (BrowserSocket browser = BrowserSocket.open(account, sessionId)) {
            open.add(browser);
            browser.await("daemon:connected", type("daemon:connected"), Duration.ofSeconds(10));

            // The leader rejects; the next tick resumes the same session with the reason.
            assertThat(ak.leader("task", "reject", taskId, "--reason", "Cover the timeout too").ok())
                    .contains("Rejected task " + taskId);
            awaitLog("Resuming task " + taskId + " (session=" + sessionId.substring(0, 8) + ")");
            browser.await("agent:status working", frame -> isStatus(frame, sessionId, "working"), DAEMON);
            JsonNode resumed = browser.await("the resumed worker's message", frame ->
                    type("agent:event").test(frame) && sessionId.equals(frame.path("sessionId").asText())
                            && frame.toString().contains("resumed after: Task rejected. Reason: Cover the timeout too"),
                    DAEMON);
            assertThat(resumed.at("/event/type").asText()).isEqualTo("message");
            awaitStatus(taskId, "in_review");
            browser.await("agent:status done", frame -> isStatus(frame, sessionId, "done"), DAEMON);
        }
        assertThat(ak.standInLog()).contains("gemini --resume latest");
        // One session over both runs, usage and cost added up (gemini-2.5-flash: 800 micro-USD a run).
        JsonNode total = awaitSession(worker, s -> s.path("input_tokens").asLong() == 2000
                && s.path("cost_micro_usd").asLong() == 1600 && "closed".equals(s.path("status").asText()));
        assertThat(total.get("id").asText()).isEqualTo(sessionId);
        assertThat(total.get("output_tokens").asLong()).isEqualTo(400);
        assertThat(account.get("/api/agents/" + worker + "/sessions")).hasSize(1);
        assertThat(actions(taskId)).containsSubsequence("review_requested", "rejected", "commented",
                "review_requested");

        assertThat(ak.leader("task", "complete", taskId, "--result", "Health check merged").ok())
                .contains("Completed task " + taskId);
        awaitLog("Cleaning up review session for task " + taskId + " (task status=done)");
        JsonNode done = account.get("/api/tasks/" + taskId);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("result").asText()).isEqualTo("Health check merged");

        stopDaemon();
        // At its end the daemon reports each finished leader session's tokens from the runtime's log, then closes it.
        JsonNode leaderSessions = account.get("/api/agents/" + leader + "/sessions");
        assertThat(leaderSessions).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("status").asText()).isEqualTo("closed");
            assertThat(s.get("input_tokens").asLong()).isEqualTo(7);
            assertThat(s.get("cache_read_tokens").asLong()).isEqualTo(5);
        });
    }

    @Test
    void aCancelledTaskStopsItsRunningWorkerAndABrowserTalksToIt() throws Exception {
        // As pasted from the browser: the client strips the slash for HTTP but not for the relay address.
        startDaemon(account.baseUrl + "/");
        createLeader();
        String board = id(ak.leader("create", "board", "--name", "Operations", "--type", "ops", "-o", "json").ok());
        String worker = createWorker("gemini");
        String taskId = id(ak.leader("create", "task", "--board", board, "--title", "Watch the queue [long]",
                "--assign-to", worker, "-o", "json").ok());

        awaitStatus(taskId, "in_progress");
        String sessionId = awaitSession(worker, s -> "active".equals(s.path("status").asText())).get("id").asText();
        long pid = Await.until("the stand-in worker's pid", DAEMON, () -> ak.standInPid(taskId),
                p -> p.isPresent(), ak::standInLog).orElseThrow();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        try (BrowserSocket browser = BrowserSocket.open(account, sessionId)) {
            open.add(browser);
            browser.await("daemon:connected", type("daemon:connected"), Duration.ofSeconds(10));
            // A human message reaches the daemon, which writes it to the worker's standard input;
            // the stand-in answers it, and the answer comes back as the worker's event.
            browser.send(JSON.createObjectNode().put("type", "human:message").put("sessionId", sessionId)
                    .put("content", "please check the dead letters").toString());
            browser.await("the worker's answer", frame -> type("agent:event").test(frame)
                    && frame.toString().contains("heard: please check the dead letters"), DAEMON);
            Await.until("the answer archived as a task message", DAEMON, () -> messages(taskId),
                    m -> m.contains("heard: please check the dead letters"), ak::daemonLogText);

            assertThat(ak.leader("task", "cancel", taskId).ok()).contains("Cancelled task " + taskId);
            awaitLog("Killing agent for cancelled task " + taskId);
            browser.await("agent:status done", frame -> isStatus(frame, sessionId, "done"), DAEMON);
        }
        Await.until("the worker process gone", DAEMON, () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive),
                alive -> !alive.orElse(false), ak::daemonLogText);
        awaitSession(worker, s -> "closed".equals(s.path("status").asText()));
        assertThat(account.get("/api/tasks/" + taskId).get("status").asText()).isEqualTo("cancelled");

        stopDaemon();
    }

    @Test
    void aRejectionWhileTheDaemonIsDownIsResumedWhenItStartsAgain() throws Exception {
        startDaemon(account.baseUrl);
        createLeader();
        String board = id(ak.leader("create", "board", "--name", "Support", "--type", "ops", "-o", "json").ok());
        String worker = createWorker("gemini");
        String taskId = id(ak.leader("create", "task", "--board", board, "--title", "Answer the ticket",
                "--assign-to", worker, "-o", "json").ok());
        awaitStatus(taskId, "in_review");
        String sessionId = awaitSession(worker, s -> "closed".equals(s.path("status").asText())
                && s.path("input_tokens").asLong() == 1000).get("id").asText();
        stopDaemon();

        try (BrowserSocket browser = BrowserSocket.open(account, sessionId)) {
            open.add(browser);
            browser.await("daemon:disconnected", type("daemon:disconnected"), Duration.ofSeconds(10));
            // A person rejects in the web app while the machine is off; the review survives the restart.
            account.post("/api/tasks/" + taskId + "/reject", Map.of("reason", "Wrong queue"));
            int mark = browser.mark();
            ak.ak("start", "--poll-interval", "5000").ok();
            awaitLog("Startup audit: task " + taskId + " was rejected while daemon was down — will resume on next tick");
            browser.awaitFrom(mark, "daemon:connected", type("daemon:connected"), DAEMON);
            browser.awaitFrom(mark, "the resumed worker's message", frame -> type("agent:event").test(frame)
                    && frame.toString().contains("resumed after: Task rejected. Reason: Wrong queue"), DAEMON);
            awaitStatus(taskId, "in_review");
        }
        JsonNode total = awaitSession(worker, s -> s.path("input_tokens").asLong() == 2000
                && "closed".equals(s.path("status").asText()));
        assertThat(total.get("id").asText()).isEqualTo(sessionId);
        assertThat(ak.leader("task", "complete", taskId).ok()).contains("Completed task " + taskId);
        awaitLog("Cleaning up review session for task " + taskId + " (task status=done)");
        stopDaemon();
    }

    @Test
    void akStopEndsARunningWorkerAndHandsItsTaskBack() throws Exception {
        startDaemon(account.baseUrl);
        createLeader();
        String board = id(ak.leader("create", "board", "--name", "Night shift", "--type", "ops", "-o", "json").ok());
        String worker = createWorker("gemini");
        String taskId = id(ak.leader("create", "task", "--board", board, "--title", "Tail the logs [long]",
                "--assign-to", worker, "-o", "json").ok());
        awaitStatus(taskId, "in_progress");
        long pid = Await.until("the stand-in worker's pid", DAEMON, () -> ak.standInPid(taskId),
                p -> p.isPresent(), ak::standInLog).orElseThrow();
        String sessionId = awaitSession(worker, s -> "active".equals(s.path("status").asText())).get("id").asText();
        BrowserSocket browser = BrowserSocket.open(account, sessionId);
        open.add(browser);
        browser.await("daemon:connected", type("daemon:connected"), Duration.ofSeconds(10));

        stopDaemon();
        browser.await("daemon:disconnected", type("daemon:disconnected"), DAEMON);
        assertThat(ak.daemonLogText()).contains("Killing agent for task " + taskId);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        JsonNode task = Await.until("the task released", DAEMON, () -> account.get("/api/tasks/" + taskId),
                t -> "todo".equals(t.path("status").asText()), this::logs);
        assertThat(task.get("assigned_to").asText()).isEqualTo(worker);
        awaitSession(worker, s -> "closed".equals(s.path("status").asText()));
    }

    /** {@code ak config set} and {@code ak start}: the machine registers, heartbeats and opens its relay. */
    private void startDaemon(String apiUrl) throws Exception {
        assertThat(ak.ak("config", "set", "--api-url", apiUrl, "--api-key", account.apiKey).ok())
                .contains("Saved credentials for 127.0.0.1:" + server.port);
        String started = ak.ak("start", "--poll-interval", "5000").ok();
        assertThat(started).contains("Daemon started", "Providers:   gemini", "Poll:        5s");
        awaitLog("Tunnel connected");
        awaitLog("Daemon started (PID");
        JsonNode machines = Await.until("the machine online", DAEMON, () -> account.get("/api/machines"),
                m -> m.size() == 1 && "online".equals(m.get(0).path("status").asText()), ak::daemonLogText);
        assertThat(machines.get(0).get("runtimes").toString()).isEqualTo("[\"Gemini CLI\"]");
        assertThat(machines.get(0).get("version").asText()).isEqualTo("1.4.0");
        assertThat(ak.ak("status").ok()).contains("Daemon running");
    }

    /** {@code ak stop}: the daemon ends, and the browsers of its sessions hear that it went. */
    private void stopDaemon() throws Exception {
        long pid = ak.daemon().orElseThrow().pid();
        assertThat(ak.ak("stop").ok()).contains("Daemon stopped (PID " + pid + ")");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ak.daemonLogText()).contains("Daemon stopped.");
        assertThat(ak.ak("status").ok()).contains("Daemon is not running");
    }

    /**
     * The leader's runtime log, where the daemon reads a finished leader session's tokens
     * ({@code ~/.claude/projects/<daemon's directory>/*.jsonl}); dated ahead so it counts for every session.
     */
    private void leaderRuntimeLog() throws IOException {
        String project = ak.home.toRealPath().toString().replace('/', '-');
        Path log = Files.createDirectories(ak.home.resolve(".claude/projects").resolve(project)).resolve("lead.jsonl");
        Files.writeString(log, "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":7,"
                + "\"output_tokens\":3,\"cache_read_input_tokens\":5,\"cache_creation_input_tokens\":2}}}\n");
        assertThat(log.toFile().setLastModified(System.currentTimeMillis() + Duration.ofDays(1).toMillis())).isTrue();
    }

    private String createLeader() throws IOException {
        String out = ak.leader("identity", "create", "--runtime", "claude", "--username", "lead-" + unique(),
                "--name", "Lead Planner").ok();
        assertThat(out).contains("Created identity for claude");
        assertThat(ak.leader("whoami").ok()).contains("Runtime:     claude", "Name:        Lead Planner");
        return out.lines().filter(l -> l.startsWith("Agent ID:")).findFirst().orElseThrow()
                .substring("Agent ID:".length()).trim();
    }

    private String createWorker(String runtime) throws IOException {
        return id(ak.leader("create", "agent", "--username", "worker-" + unique(), "--name", "Stand-in Worker",
                "--runtime", runtime, "--role", "backend", "-o", "json").ok());
    }

    /** A local origin the stand-in gh clones from, with a lefthook config so no setup task is needed. */
    private void initOrigin(String fullName) throws Exception {
        Path origin = Files.createDirectories(ak.origins.resolve(fullName));
        Files.writeString(origin.resolve("lefthook.yml"), "pre-commit:\n  commands: {}\n");
        Files.writeString(origin.resolve("README.md"), "# " + fullName + "\n");
        git(origin, "init", "-q", "-b", "main");
        git(origin, "add", ".");
        git(origin, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "start");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(new String(git.getInputStream().readAllBytes())).isZero();
    }

    private void awaitStatus(String taskId, String status) {
        Await.until("task " + taskId + " " + status, DAEMON, () -> account.get("/api/tasks/" + taskId),
                t -> status.equals(t.path("status").asText()), this::logs);
    }

    private JsonNode awaitSession(String agentId, Predicate<JsonNode> match) {
        JsonNode sessions = Await.until("a session of " + agentId, DAEMON,
                () -> account.get("/api/agents/" + agentId + "/sessions"),
                list -> list.size() > 0 && match.test(list.get(0)), this::logs);
        return sessions.get(0);
    }

    private void awaitLog(String text) {
        Await.until("daemon log line: " + text, DAEMON, ak::daemonLogText, log -> log.contains(text), this::logs);
    }

    private String logs() {
        return "daemon log:\n" + ak.daemonLogText() + "\nstand-in log:\n" + ak.standInLog();
    }

    private List<String> actions(String taskId) {
        List<String> actions = new ArrayList<>();
        account.get("/api/tasks/" + taskId + "/notes").forEach(n -> actions.add(n.get("action").asText()));
        return actions;
    }

    private List<String> messages(String taskId) {
        List<String> contents = new ArrayList<>();
        account.get("/api/tasks/" + taskId + "/messages").forEach(m -> contents.add(m.get("content").asText()));
        return contents;
    }

    private static boolean isStatus(JsonNode frame, String sessionId, String status) {
        return type("agent:status").test(frame) && sessionId.equals(frame.path("sessionId").asText())
                && status.equals(frame.path("status").asText());
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
