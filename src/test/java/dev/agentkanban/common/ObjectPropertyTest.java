package dev.agentkanban.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.auth.Hashes;
import dev.agentkanban.support.Team;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * OWASP API3 (object property level authorization): fields a client must not set are ignored on
 * every create (owner, id, kind of record, status, counters), and no answer of any read route
 * carries a stored secret: a password hash, a login-token or API-key hash, an API key after its
 * creation, a private key (except the one route the daemon needs, {@code GET /api/agents/:id/gpg-key}).
 */
@QuarkusTest
class ObjectPropertyTest {

    private static final Map<String, Object> FORGED = Map.of("owner_id", "someone-else", "id", "forged-id",
            "status", "done", "seq", 999, "created_by", "forged", "builtin", 1, "task_seq", 999,
            "share_slug", "forged-slug", "created_at", "2000-01-01T00:00:00.000Z");

    @Test
    void createsIgnoreOwnerIdsStatusAndCounters() {
        Team team = Team.create();
        String owner = team.tenant.userId;

        Response task = post(team.leader::request, "/api/tasks", team.taskBody("mass", FORGED));
        assertThat(task.statusCode()).as(task.asString()).isEqualTo(201);
        assertThat(task.jsonPath().getString("id")).isNotEqualTo("forged-id");
        assertThat(task.jsonPath().getString("status")).isEqualTo("todo");
        assertThat(task.jsonPath().getInt("seq")).isLessThan(999);
        assertThat(task.jsonPath().getString("created_by")).isEqualTo(team.leader.id);

        Response board = post(team.tenant::asUser, "/api/boards", with(Map.of("name", "mass board", "type", "dev")));
        assertThat(board.statusCode()).as(board.asString()).isEqualTo(201);
        assertThat(board.jsonPath().getString("owner_id")).isEqualTo(owner);
        assertThat(board.jsonPath().getString("id")).isNotEqualTo("forged-id");
        assertThat(board.jsonPath().getString("share_slug")).isNull();

        Response repo = post(team.tenant::asUser, "/api/repositories",
                with(Map.of("name", "mass", "url", "https://github.com/acme/mass-" + System.nanoTime())));
        assertThat(repo.statusCode()).as(repo.asString()).isEqualTo(201);
        assertThat(repo.jsonPath().getString("owner_id")).isEqualTo(owner);
        assertThat(repo.jsonPath().getString("id")).isNotEqualTo("forged-id");

        Response agent = post(team.machine::request, "/api/agents",
                with(Map.of("username", "mass" + System.nanoTime(), "runtime", "gemini")));
        assertThat(agent.statusCode()).as(agent.asString()).isEqualTo(201);
        assertThat(agent.jsonPath().getString("owner_id")).isEqualTo(owner);
        assertThat(agent.jsonPath().getString("id")).isNotEqualTo("forged-id");
        assertThat(agent.jsonPath().getInt("builtin")).isZero();

        Response machine = post(team.machine::request, "/api/machines", with(Map.of("name", "mass", "os", "linux",
                "version", "1.4.0", "runtimes", List.of("Claude Code"), "device_id", "0123456789abcdef")));
        assertThat(machine.statusCode()).as(machine.asString()).isEqualTo(201);
        assertThat(machine.jsonPath().getString("owner_id")).isEqualTo(owner);
        assertThat(machine.jsonPath().getString("status")).isNotEqualTo("done");

        Response key = team.tenant.asUser().body(Map.of("name", "mass", "userId", "someone-else"))
                .post("/api/auth/api-key/create");
        assertThat(key.statusCode()).as("a key for another user").isEqualTo(401);
    }

    @Test
    void noReadAnswerCarriesAStoredSecret() {
        Team team = Team.create();
        String task = team.task("secrets");
        team.worker.cli().post("/api/tasks/" + task + "/notes", Map.of("detail", "a note"));
        List<String> reads = List.of("/api/auth/get-session", "/api/auth/api-key/list", "/api/machines",
                "/api/machines/" + team.machine.id, "/api/agents", "/api/agents/" + team.worker.id,
                "/api/agents/" + team.worker.id + "/sessions", "/api/tasks", "/api/tasks/" + task,
                "/api/tasks/" + task + "/notes", "/api/tasks/" + task + "/messages", "/api/boards",
                "/api/boards/" + team.boardId, "/api/repositories", "/api/gpg/public-key");
        List<String> secrets = List.of("$argon2id$", Hashes.sha256(team.tenant.token), Hashes.sha256(team.machine.key),
                team.machine.key, "PRIVATE KEY", "private_key", "\"d\":", "key_hash", "keyHash", "token_hash",
                "tokenHash", "password");
        List<String> leaks = new ArrayList<>();
        for (String path : reads) {
            for (RequestSpecification as : List.of(team.tenant.asUser(), team.machine.request(), team.worker.request())) {
                String body = as.get(path).asString();
                secrets.stream().filter(body::contains).forEach(s -> leaks.add(path + " shows " + s));
            }
        }
        Response admin = Tenant.admin().asUser().get("/api/auth/admin/list-users");
        secrets.stream().filter(admin.asString()::contains).forEach(s -> leaks.add("list-users shows " + s));
        assertThat(leaks).isEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(FORGED);
        body.putAll(fields);
        return body;
    }

    private static Response post(Supplier<RequestSpecification> as, String path, Map<String, ?> body) {
        return as.get().body(body).post(path);
    }
}
