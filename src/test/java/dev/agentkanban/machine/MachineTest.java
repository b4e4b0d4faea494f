package dev.agentkanban.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MachineTest {

    @Inject
    AgroalDataSource db;

    @Test
    void registrationCreatesAnOfflineMachineAndBindsTheKey() throws SQLException {
        Tenant t = Tenant.create();
        String key = t.createApiKey();
        String device = "a1b2c3d4e5f60718";
        JsonPath m = Tenant.withKey(key).body(Machine.registration(device)).post("/api/machines")
                .then().statusCode(201)
                .body("owner_id", equalTo(t.userId))
                .body("name", equalTo("test-host"))
                .body("status", equalTo("offline"))
                .body("runtimes", contains("Claude Code", "Codex CLI"))
                .body("usage_info", nullValue())
                .body("last_heartbeat_at", nullValue())
                .body("device_id", equalTo(device))
                .extract().jsonPath();
        assertThat(m.getMap("$").keySet()).containsExactly("id", "owner_id", "name", "status", "os", "version",
                "runtimes", "usage_info", "last_heartbeat_at", "created_at", "device_id");
        String id = m.getString("id");
        assertThat(id).matches("[0-9a-z]{8}");
        String keyId = t.asUser().get("/api/auth/api-key/list").then().extract().path("apiKeys[0].id");
        t.asUser().queryParam("id", keyId).get("/api/auth/api-key/get").then().statusCode(200)
                .body("metadata.machineId", equalTo(id));
        assertThat(count("SELECT count(*) FROM agentHost WHERE id = ? AND userId = '" + t.userId + "'", id))
                .isEqualTo(1);

        // The same device again: same machine, new name, key (re-)bound.
        Map<String, Object> again = new HashMap<>(Machine.registration(device));
        again.put("name", "renamed");
        again.put("runtimes", List.of());
        String other = t.createApiKey();
        Tenant.withKey(other).body(again).post("/api/machines").then().statusCode(201)
                .body("id", equalTo(id)).body("name", equalTo("renamed")).body("runtimes", hasSize(0));
        t.asUser().get("/api/machines").then().body("$", hasSize(1));
    }

    @Test
    void registrationNeedsEveryField() {
        Tenant t = Tenant.create();
        String key = t.createApiKey();
        for (String missing : List.of("name", "os", "version", "runtimes", "device_id")) {
            Map<String, Object> body = new HashMap<>(Machine.registration("0011223344556677"));
            body.remove(missing);
            Tenant.withKey(key).body(body).post("/api/machines").then().statusCode(400)
                    .body("error.message", equalTo("name, os, version, runtimes, and device_id are required"));
        }
        Map<String, Object> empty = new HashMap<>(Machine.registration("0011223344556677"));
        empty.put("version", "");
        Tenant.withKey(key).body(empty).post("/api/machines").then().statusCode(400);
        t.asUser().body(Machine.registration("0011223344556677")).post("/api/machines").then().statusCode(403)
                .body("error.message", equalTo("machine required"));
    }

    @Test
    void heartbeatMarksOnlineAndUpdatesWhatItCarries() {
        Machine m = Tenant.create().machine();
        Map<String, Object> usage = Map.of("windows", List.of(Map.of("runtime", "claude", "label", "5-Hour",
                "utilization", 23.5, "resets_at", "2026-04-14T12:00:00Z")), "updated_at", "2026-04-14T10:00:00.000Z");
        m.request().body(Map.of("version", "1.5.0", "runtimes", List.of("Gemini CLI"), "usage_info", usage))
                .post("/api/machines/" + m.id + "/heartbeat").then().statusCode(200)
                .body("status", equalTo("online"))
                .body("version", equalTo("1.5.0"))
                .body("runtimes", contains("Gemini CLI"))
                .body("usage_info.windows[0].utilization", equalTo(23.5f))
                .body("last_heartbeat_at", notNullValue());
        Map<String, Object> quiet = new HashMap<>();
        quiet.put("version", "");
        quiet.put("usage_info", null);
        m.request().body(quiet).post("/api/machines/" + m.id + "/heartbeat").then().statusCode(200)
                .body("version", equalTo("1.5.0"))
                .body("runtimes", contains("Gemini CLI"))
                .body("usage_info.windows[0].label", equalTo("5-Hour"));
        m.request().body(Map.of("usage_info", "busy")).post("/api/machines/" + m.id + "/heartbeat")
                .then().statusCode(400);
        m.request().body(Map.of()).post("/api/machines/zzzzzzzz/heartbeat").then().statusCode(404)
                .body("error.message", equalTo("Machine not found"));
    }

    @Test
    void aKeyBoundToAnotherMachineCannotHeartbeatAndChangesNothing() {
        Tenant t = Tenant.create();
        Machine first = t.machine();
        Machine second = t.machine();
        first.request().body(Map.of("version", "9.9.9")).post("/api/machines/" + second.id + "/heartbeat")
                .then().statusCode(403).body("error.message", equalTo("API key is bound to a different machine"));
        t.asUser().get("/api/machines/" + second.id).then().statusCode(200)
                .body("status", equalTo("offline")).body("version", equalTo("1.4.0"))
                .body("last_heartbeat_at", nullValue());

        // An unbound key is bound by its first heartbeat, then refused elsewhere.
        String key = t.createApiKey();
        Tenant.withKey(key).body(Map.of()).post("/api/machines/" + first.id + "/heartbeat").then().statusCode(200);
        Tenant.withKey(key).body(Map.of()).post("/api/machines/" + second.id + "/heartbeat").then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefused() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        String keyId = t.asUser().get("/api/auth/api-key/list").then().extract().path("apiKeys[0].id");
        t.asUser().body(Map.of("keyId", keyId)).post("/api/auth/api-key/delete").then().statusCode(200);
        m.request().body(Map.of()).post("/api/machines/" + m.id + "/heartbeat").then().statusCode(401)
                .body("error.code", equalTo("INVALID_API_KEY"))
                .body("error.message", equalTo("Invalid API key."));
        t.asUser().get("/api/machines/" + m.id).then().statusCode(200);
    }

    @Test
    void readsCountSessionsListAgentsAndSweepStaleMachines() throws SQLException {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Machine idle = t.machine();
        Agent worker = m.worker();
        Agent closed = m.worker();
        m.request().delete("/api/agents/" + closed.id + "/sessions/" + closed.sessionId).then().statusCode(200);
        m.request().body(Map.of()).post("/api/machines/" + m.id + "/heartbeat").then().statusCode(200);

        t.asUser().get("/api/machines").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(m.id))
                .body("[0].session_count", equalTo(2))
                .body("[0].active_session_count", equalTo(1))
                .body("[1].id", equalTo(idle.id))
                .body("[1].session_count", equalTo(0));
        JsonPath one = worker.request().get("/api/machines/" + m.id).then().statusCode(200)
                .body("status", equalTo("online"))
                .body("agents", hasSize(2))
                .body("agents[0].id", equalTo(closed.id))
                .body("agents[0].status", equalTo("idle"))
                .body("agents[1].id", equalTo(worker.id))
                .body("agents[1].status", equalTo("working"))
                .extract().jsonPath();
        assertThat(one.getMap("agents[0]").keySet()).containsExactly("id", "name", "status", "last_active_at");

        update("UPDATE machines SET last_heartbeat_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", m.id);
        t.asUser().get("/api/machines/" + m.id).then().body("status", equalTo("offline"));
        Tenant.create().asUser().get("/api/machines/" + m.id).then().statusCode(404)
                .body("error.message", equalTo("Machine not found"));
    }

    @Test
    void deletingAMachineTakesItsSessionsAndHostAway() throws SQLException {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent worker = m.worker();
        m.request().delete("/api/machines/" + m.id).then().statusCode(403)
                .body("error.message", equalTo("user required"));
        Tenant.create().asUser().delete("/api/machines/" + m.id).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM agent WHERE hostId = '" + m.id + "' AND publicKey = "
                + "'{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + worker.jwt.publicKey() + "\"}' AND id = ?",
                worker.sessionId)).isEqualTo(1);

        t.asUser().delete("/api/machines/" + m.id).then().statusCode(200).body("ok", equalTo(true));
        assertThat(count("SELECT count(*) FROM agent_sessions WHERE machine_id = ?", m.id)).isZero();
        assertThat(count("SELECT count(*) FROM agentHost WHERE id = ?", m.id)).isZero();
        assertThat(count("SELECT count(*) FROM agent WHERE id = ?", worker.sessionId)).isZero();
        t.asUser().get("/api/agents/" + worker.id + "/sessions").then().body("$", hasSize(0));
        m.request().body(Map.of()).post("/api/machines/" + m.id + "/heartbeat").then().statusCode(404);
        m.request().body(Map.of("session_id", UUID.randomUUID().toString(), "session_public_key",
                        worker.jwt.publicKey())).post("/api/agents/" + worker.id + "/sessions")
                .then().statusCode(400).body("error.message", equalTo("Machine not registered"));
        t.asUser().delete("/api/machines/" + m.id).then().statusCode(404);
    }

    private long count(String sql, String param) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void update(String sql, String param) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            s.executeUpdate();
        }
    }
}
