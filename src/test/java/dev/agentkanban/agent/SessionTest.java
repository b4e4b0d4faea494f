package dev.agentkanban.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.auth.jwt.Ed25519;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionTest {

    @Test
    void openChecksInTheSpecOrder() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        String agentId = m.worker().id;
        String sessions = "/api/agents/" + agentId + "/sessions";
        String key = AgentJwt.generate().publicKey();

        bad(m.request().body(Map.of("session_id", "", "session_public_key", key)).post(sessions), 400,
                "session_id and session_public_key are required");
        bad(m.request().body(Map.of("session_id", "s1")).post(sessions), 400,
                "session_id and session_public_key are required");
        bad(m.request().body(Map.of("session_id", "s1", "session_public_key", "not-a-key")).post(sessions), 400,
                "session_public_key must be a base64url Ed25519 public key");
        bad(m.request().body(Map.of("session_id", "s1", "session_public_key", key + "A")).post(sessions), 400,
                "session_public_key must be a base64url Ed25519 public key");

        String unbound = t.createApiKey();
        bad(Tenant.withKey(unbound).body(open(key)).post(sessions), 400, "Machine not registered");
        bad(m.request().body(open(key)).post("/api/agents/0123456789abcdef/sessions"), 404, "Agent not found");

        Map<String, Object> body = open(key);
        m.request().body(body).post(sessions).then().statusCode(201);
        bad(m.request().body(body).post(sessions), 409, "Session already exists");
        bad(t.asUser().body(open(key)).post(sessions), 403, "machine required");
    }

    @Test
    void theDelegationProofIsTheAgentsSignatureOverTheSessionKeyText() {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        String agentKey = t.asUser().get("/api/agents/" + worker.id).then().extract().path("public_key");
        assertThat(worker.delegationProof).hasSize(86);
        assertThat(Ed25519.verify(Ed25519.publicKey(agentKey),
                worker.jwt.publicKey().getBytes(StandardCharsets.UTF_8), Base64Url.decode(worker.delegationProof)))
                .isTrue();
        assertThat(Ed25519.verify(Ed25519.publicKey(agentKey), "other".getBytes(StandardCharsets.UTF_8),
                Base64Url.decode(worker.delegationProof))).isFalse();
    }

    @Test
    void listShowsTheAgentsSessionsNewestFirst() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent first = m.worker();
        Agent second = m.session(first.id);
        m.request().delete("/api/agents/" + first.id + "/sessions/" + first.sessionId).then().statusCode(200)
                .body("ok", equalTo(true));

        JsonPath list = m.request().get("/api/agents/" + first.id + "/sessions").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(second.sessionId))
                .body("[0].status", equalTo("active"))
                .body("[0].closed_at", nullValue())
                .body("[0].machine_id", equalTo(m.id))
                .body("[0].machine_name", equalTo("test-host"))
                .body("[0].public_key", equalTo(second.jwt.publicKey()))
                .body("[0].delegation_proof", equalTo(second.delegationProof))
                .body("[0].input_tokens", equalTo(0))
                .body("[0].cost_micro_usd", equalTo(0))
                .body("[1].status", equalTo("closed"))
                .body("[1].closed_at", notNullValue())
                .extract().jsonPath();
        assertThat(list.getMap("[0]").keySet()).containsExactly("id", "agent_id", "machine_id", "status",
                "public_key", "delegation_proof", "input_tokens", "output_tokens", "cache_read_tokens",
                "cache_creation_tokens", "cost_micro_usd", "created_at", "closed_at", "machine_name", "started_at");
        // `ak describe agent` prints started_at; the original sent only created_at.
        assertThat(list.getString("[0].started_at")).isEqualTo(list.getString("[0].created_at"));
        second.request().get("/api/agents/" + first.id + "/sessions").then().statusCode(200).body("$", hasSize(2));
        m.request().get("/api/agents/ffffffffffffffff/sessions").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void closeIsIdempotentAndReopenOnlyReopensAClosedSession() {
        Machine m = Tenant.create().machine();
        Agent worker = m.worker();
        String session = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId;

        bad(m.request().post(session + "/reopen"), 409,
                "Session " + worker.sessionId + " not found or not closed");
        m.request().delete(session).then().statusCode(200).body("ok", equalTo(true));
        m.request().delete(session).then().statusCode(200).body("ok", equalTo(true));
        m.request().delete("/api/agents/" + worker.id + "/sessions/" + UUID.randomUUID()).then().statusCode(200)
                .body("ok", equalTo(true));
        // A closed session's token only reaches the usage and chat routes (AgentJwtAttackTest).
        worker.request().get("/api/agents").then().statusCode(401);

        m.request().post(session + "/reopen").then().statusCode(200).body("ok", equalTo(true));
        worker.request().get("/api/agents").then().statusCode(200);
        m.request().get("/api/agents/" + worker.id + "/sessions").then().body("[0].status", equalTo("active"))
                .body("[0].closed_at", nullValue());
        String unknown = UUID.randomUUID().toString();
        bad(m.request().post("/api/agents/" + worker.id + "/sessions/" + unknown + "/reopen"), 404,
                "Session " + unknown + " not found or not closed");
    }

    @Test
    void usageAddsIncrementsFromTheMachineAndFromTheSessionItselfEvenWhenClosed() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent worker = m.worker();
        String usage = "/api/agents/" + worker.id + "/sessions/" + worker.sessionId + "/usage";

        worker.request().body(Map.of("input_tokens", 10, "output_tokens", 5, "cache_read_tokens", 0,
                "cache_creation_tokens", 1, "cost_micro_usd", 0)).patch(usage).then().statusCode(200)
                .body("ok", equalTo(true));
        m.request().delete("/api/agents/" + worker.id + "/sessions/" + worker.sessionId).then().statusCode(200);
        worker.request().body(Map.of("input_tokens", 0, "output_tokens", 0, "cache_read_tokens", 0,
                "cache_creation_tokens", 0, "cost_micro_usd", 412345)).patch(usage).then().statusCode(200);
        m.request().body(Map.of("input_tokens", 7)).patch(usage).then().statusCode(200);

        m.request().get("/api/agents/" + worker.id + "/sessions").then()
                .body("[0].input_tokens", equalTo(17))
                .body("[0].output_tokens", equalTo(5))
                .body("[0].cache_creation_tokens", equalTo(1))
                .body("[0].cost_micro_usd", equalTo(412345));

        for (Object wrong : List.of(-1, 1.5, "3", true)) {
            Map<String, Object> body = new HashMap<>();
            body.put("output_tokens", wrong);
            bad(m.request().body(body).patch(usage), 400,
                    "output_tokens must be a non-negative integer of at most 1000000000000");
        }
        t.asUser().body(Map.of()).patch(usage).then().statusCode(403)
                .body("error.message", equalTo("machine or agent:worker or agent:leader required"));
    }

    @Test
    void anAgentReportsUsageOnlyForItsOwnSession() {
        Machine m = Tenant.create().machine();
        Agent worker = m.worker();
        Agent other = m.session(worker.id);
        bad(other.request().body(Map.of("input_tokens", 1))
                .patch("/api/agents/" + worker.id + "/sessions/" + worker.sessionId + "/usage"), 404,
                "Session not found");
        bad(m.request().body(Map.of("input_tokens", 1))
                .patch("/api/agents/" + worker.id + "/sessions/" + UUID.randomUUID() + "/usage"), 404,
                "Session not found");
        m.request().get("/api/agents/" + worker.id + "/sessions").then()
                .body("input_tokens", org.hamcrest.Matchers.everyItem(equalTo(0)));
    }

    private static Map<String, Object> open(String key) {
        return Map.of("session_id", UUID.randomUUID().toString(), "session_public_key", key);
    }

    private static void bad(io.restassured.response.Response response, int status, String message) {
        response.then().statusCode(status).body("error.message", equalTo(message));
    }
}
