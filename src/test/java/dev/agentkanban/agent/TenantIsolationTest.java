package dev.agentkanban.agent;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Another tenant's agents, machines and sessions behave as missing and never change. */
@QuarkusTest
class TenantIsolationTest {

    @Test
    void foreignAgentsAreNotFoundAndUnchanged() {
        Tenant owner = Tenant.create();
        Agent victim = owner.machine().worker();
        Tenant intruder = Tenant.create();
        Machine intruderMachine = intruder.machine();
        String path = "/api/agents/" + victim.id;

        notFound(intruder.asUser().get(path), "Agent not found");
        notFound(intruderMachine.request().get(path), "Agent not found");
        notFound(intruder.asUser().body(Map.of("name", "pwned")).patch(path), "Agent not found");
        notFound(intruder.asUser().delete(path), "Agent not found");
        notFound(intruderMachine.request().get(path + "/gpg-key"), "Agent not found");
        intruder.asUser().get("/api/agents").then().statusCode(200).body("$", hasSize(0));

        var still = owner.asUser().get(path).then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(still.getString("name")).isEqualTo(still.getString("username"));
    }

    @Test
    void foreignMachinesAreNotFoundAndUnchanged() {
        Tenant owner = Tenant.create();
        Machine victim = owner.machine();
        Tenant intruder = Tenant.create();
        Machine intruderMachine = intruder.machine();

        notFound(intruder.asUser().get("/api/machines/" + victim.id), "Machine not found");
        notFound(intruderMachine.request().body(Map.of("version", "6.6.6"))
                .post("/api/machines/" + victim.id + "/heartbeat"), "Machine not found");
        notFound(intruder.asUser().delete("/api/machines/" + victim.id), "Machine not found");
        intruder.asUser().get("/api/machines").then().body("$", hasSize(1));
        // The same device id under another owner is another machine.
        Tenant.withKey(intruder.createApiKey()).body(Machine.registration(victim.deviceId)).post("/api/machines")
                .then().statusCode(201).body("id", org.hamcrest.Matchers.not(equalTo(victim.id)));

        owner.asUser().get("/api/machines/" + victim.id).then().statusCode(200)
                .body("version", equalTo("1.4.0")).body("status", equalTo("offline"));
    }

    @Test
    void foreignSessionsCannotBeOpenedListedClosedReopenedOrCharged() {
        Tenant owner = Tenant.create();
        Machine ownerMachine = owner.machine();
        Agent victim = ownerMachine.worker();
        Machine intruder = Tenant.create().machine();
        Agent intruderAgent = intruder.worker();
        String sessions = "/api/agents/" + victim.id + "/sessions";
        String session = sessions + "/" + victim.sessionId;

        notFound(intruder.request().body(Map.of("session_id", UUID.randomUUID().toString(),
                "session_public_key", AgentJwt.generate().publicKey())).post(sessions), "Agent not found");
        intruder.request().get(sessions).then().statusCode(200).body("$", hasSize(0));
        intruder.request().delete(session).then().statusCode(200).body("ok", equalTo(true));
        notFound(intruder.request().post(session + "/reopen"),
                "Session " + victim.sessionId + " not found or not closed");
        notFound(intruder.request().body(Map.of("input_tokens", 1000)).patch(session + "/usage"),
                "Session not found");
        notFound(intruderAgent.request().body(Map.of("input_tokens", 1000)).patch(session + "/usage"),
                "Session not found");
        // Its own session under the victim's agent id does not pass either.
        notFound(intruderAgent.request().body(Map.of("input_tokens", 1000))
                .patch(sessions + "/" + intruderAgent.sessionId + "/usage"), "Session not found");

        ownerMachine.request().get(sessions).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].status", equalTo("active"))
                .body("[0].input_tokens", equalTo(0));
        victim.request().get("/api/agents").then().statusCode(200);
    }

    private static void notFound(Response response, String message) {
        response.then().statusCode(404).body("error.message", equalTo(message));
    }
}
