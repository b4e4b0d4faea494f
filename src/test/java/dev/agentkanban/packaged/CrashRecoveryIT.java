package dev.agentkanban.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.AgentJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server killed with {@code kill -9} at a random moment while 16 writers create
 * tasks, claim them, add notes and create agents (leaders of two runtimes racing each round), then
 * restarted on the same file. Every write that was answered with a 2xx must be there, and the
 * invariants must hold: one leader per runtime and owner, no task claimed by two workers, task
 * {@code seq} gap-free on every board, {@code PRAGMA integrity_check} ok. A write whose answer
 * never arrived may or may not be there; it is not counted.
 *
 * <p>{@code -Dak.crash.rounds=N} sets the rounds (20 by default; bench/README tells the soak run).
 */
class CrashRecoveryIT {

    private static final int ROUNDS = Integer.getInteger("ak.crash.rounds", 20);
    private static final int WRITERS = 16;
    private static final int WORKERS = 4;
    private static final Duration START = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    /** What the server acknowledged; all of it must survive every crash. */
    private final Map<String, String> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final Set<String> notes = ConcurrentHashMap.newKeySet();
    private final Set<String> agents = ConcurrentHashMap.newKeySet();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> claimable = ConcurrentHashMap.newKeySet();

    private String base;
    private String userToken;
    private String machineKey;
    private Session leader;
    private final List<Session> workers = new ArrayList<>();
    private String boardId;
    private String repoId;

    private record Session(String agentId, String sessionId, AgentJwt jwt) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineUnderSixteenWriters() throws Exception {
        Path db = dir.resolve("crash.db");
        int checked = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            try (ServerProcess server = ServerProcess.start(db, dir.resolve("round-" + round + ".log"))) {
                assertThat(server.awaitReady(START)).as("round %d start: %s", round, log(server)).isTrue();
                base = "http://127.0.0.1:" + server.port;
                if (round == 0) {
                    setUp();
                } else {
                    checked = verify(db, round);
                }
                if (round == ROUNDS) {
                    server.stop();
                    break;
                }
                releaseLeaders();
                writeUntilKilled(server);
            }
        }
        System.out.printf("CRASH-RECOVERY rounds=%d acknowledged: tasks=%d claims=%d notes=%d agents=%d checked=%d%n",
                ROUNDS, tasks.size(), claims.size(), notes.size(), agents.size(), checked);
        assertThat(violations).isEmpty();
        assertThat(tasks).as("the writers got some writes through").isNotEmpty();
    }

    private void writeUntilKilled(ServerProcess server) throws Exception {
        AtomicBoolean killing = new AtomicBoolean();
        AtomicInteger failedEarly = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(() -> {
                while (server.process.isAlive()) {
                    try {
                        writeOnce();
                    } catch (IOException e) {
                        if (!killing.get()) {
                            failedEarly.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
        killing.set(true);
        server.kill();
        for (Thread writer : writers) {
            writer.join(15_000);
        }
        if (failedEarly.get() > 0) {
            violations.add(failedEarly.get() + " requests lost their connection before the kill");
        }
    }

    private void writeOnce() throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(100);
        String unique = UUID.randomUUID().toString();
        if (pick < 35 || tasks.isEmpty()) {
            Session assignee = workers.get(random.nextInt(WORKERS));
            Answer created = call("POST", "/api/tasks", agent(leader), Map.of("title", "crash " + unique,
                    "board_id", boardId, "repository_id", repoId, "assigned_to", assignee.agentId()));
            if (created.status == 201) {
                String id = created.json.path("id").asText();
                tasks.put(id, assignee.agentId());
                claimable.add(id);
            }
        } else if (pick < 65) {
            List<String> open = new ArrayList<>(claimable);
            if (open.isEmpty()) {
                return;
            }
            String id = open.get(random.nextInt(open.size()));
            String assignee = tasks.get(id);
            Session worker = workers.stream().filter(w -> w.agentId().equals(assignee)).findFirst().orElseThrow();
            Answer claimed = call("POST", "/api/tasks/" + id + "/claim", agent(worker), Map.of());
            if (claimed.status == 200) {
                claimable.remove(id);
                if (claims.putIfAbsent(id, worker.agentId()) != null) {
                    violations.add("task " + id + " was claimed twice with a 200");
                }
            } else if (claimed.status == 409) {
                claimable.remove(id);
            }
        } else if (pick < 85) {
            List<String> known = new ArrayList<>(tasks.keySet());
            String id = known.get(random.nextInt(known.size()));
            Answer noted = call("POST", "/api/tasks/" + id + "/notes", agent(leader), Map.of("detail", "note " + unique));
            if (noted.status / 100 == 2) {
                notes.add("note " + unique);
            }
        } else {
            boolean lead = pick >= 95;
            String username = "c" + unique.replace("-", "").substring(0, 20);
            Answer made = call("POST", "/api/agents", machineKey, Map.of("username", username,
                    "runtime", lead ? (random.nextBoolean() ? "codex" : "gemini") : "claude",
                    "kind", lead ? "leader" : "worker"));
            if (made.status == 201) {
                agents.add(username);
            }
        }
    }

    /** Checks the previous round's acknowledged writes and the invariants; returns writes checked so far. */
    private int verify(Path db, int round) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1")) {
            expect(round, "integrity_check", single(c, "PRAGMA integrity_check"), "ok");
            for (Map.Entry<String, String> task : tasks.entrySet()) {
                String claimer = claims.get(task.getKey());
                String row = single(c, "SELECT status || ' ' || coalesce(assigned_to, '-') FROM tasks WHERE id = ?",
                        task.getKey());
                if (claimer == null) {
                    expect(round, "task " + task.getKey() + " exists", Boolean.toString(row != null), "true");
                } else {
                    expect(round, "claimed task " + task.getKey(), row, "in_progress " + claimer);
                }
            }
            for (String note : notes) {
                expect(round, "note", single(c, "SELECT count(*) FROM task_actions WHERE action = 'commented' "
                        + "AND detail = ?", note), "1");
            }
            for (String username : agents) {
                expect(round, "agent " + username, single(c, "SELECT count(*) FROM agents WHERE username = ?",
                        username), "1");
            }
            expect(round, "owners with two leaders of one runtime", single(c, "SELECT count(*) FROM (SELECT 1 FROM "
                    + "agents WHERE kind = 'leader' GROUP BY owner_id, runtime HAVING count(*) > 1)"), "0");
            expect(round, "tasks claimed twice", single(c, "SELECT count(*) FROM (SELECT 1 FROM task_actions "
                    + "WHERE action = 'claimed' GROUP BY task_id HAVING count(*) > 1)"), "0");
            expect(round, "boards whose seq has gaps", single(c, "SELECT count(*) FROM (SELECT board_id FROM tasks "
                    + "GROUP BY board_id HAVING min(seq) <> 1 OR max(seq) <> count(*) OR count(DISTINCT seq) <> count(*))"),
                    "0");
        }
        return tasks.size() + claims.size() + notes.size() + agents.size();
    }

    private void expect(int round, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            violations.add("after crash " + round + ": " + what + " is " + actual + ", expected " + expected);
        }
    }

    private static String single(Connection c, String sql, String... args) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void setUp() throws Exception {
        String email = "crash-" + UUID.randomUUID() + "@example.com";
        userToken = must(call("POST", "/api/auth/sign-up/email", null,
                Map.of("name", "Crash", "email", email, "password", "durable password")), 200).path("token").asText();
        machineKey = must(call("POST", "/api/auth/api-key/create", userToken, Map.of("name", "crash")), 200)
                .path("key").asText();
        must(call("POST", "/api/machines", machineKey, Map.of("name", "crash-host", "os", "linux", "version", "1.4.0",
                "runtimes", List.of("Claude Code"), "device_id", "c0ffee0000000001")), 201);
        leader = session("leader");
        for (int i = 0; i < WORKERS; i++) {
            workers.add(session("worker"));
        }
        boardId = must(call("POST", "/api/boards", agent(leader), Map.of("name", "crash", "type", "dev")), 201)
                .path("id").asText();
        repoId = must(call("POST", "/api/repositories", agent(leader), Map.of("name", "crash",
                "url", "https://github.com/acme/crash")), 201).path("id").asText();
    }

    private Session session(String kind) throws Exception {
        String username = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String id = must(call("POST", "/api/agents", machineKey,
                Map.of("username", username, "runtime", "claude", "kind", kind)), 201).path("id").asText();
        AgentJwt jwt = AgentJwt.generate();
        String sessionId = UUID.randomUUID().toString();
        must(call("POST", "/api/agents/" + id + "/sessions", machineKey,
                Map.of("session_id", sessionId, "session_public_key", jwt.publicKey())), 201);
        return new Session(id, sessionId, jwt);
    }

    /** Deletes this owner's codex and gemini leaders so that the next round races for them again. */
    private void releaseLeaders() throws Exception {
        for (JsonNode agent : must(call("GET", "/api/agents", userToken, null), 200)) {
            if ("leader".equals(agent.path("kind").asText()) && !agent.path("runtime").asText().equals("claude")) {
                must(call("DELETE", "/api/agents/" + agent.path("id").asText(), userToken, null), 200);
                agents.remove(agent.path("username").asText());
            }
        }
    }

    private String agent(Session session) {
        return session.jwt().token(session.sessionId(), session.agentId(), base);
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            violations.add(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private static JsonNode must(Answer answer, int status) {
        assertThat(answer.status).as("%s", answer.json).isEqualTo(status);
        return answer.json;
    }

    private static String log(ServerProcess server) {
        try {
            return Files.readString(server.log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
