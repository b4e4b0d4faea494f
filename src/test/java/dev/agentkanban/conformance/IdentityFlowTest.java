package dev.agentkanban.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 7: {@code ak identity create} with the machine key, the restore of a leader
 * identity after its local file was lost, and the bootstrap of a leader session before its first
 * agent command. ({@code ak whoami} is local and makes no call.)
 */
@QuarkusTest
class IdentityFlowTest {

    /** Shared by the tests that create leaders for claude, codex and gemini: one leader per runtime. */
    private static Machine machine;

    private static synchronized Machine machine() {
        if (machine == null) {
            machine = Tenant.create().machine();
        }
        return machine;
    }

    @Test
    void identityCreateMakesALeaderWithTheMachineKeyAndReadsIdNameFingerprint() {
        Cli ak = machine().cli();
        String username = Machine.uniqueUsername();
        var created = ak.post("/api/agents", Map.of("username", username, "runtime", "claude", "kind", "leader",
                "name", "Claude Leader")).expect(201).is("name", "Claude Leader").is("kind", "leader");
        assertThat(created.text("id")).matches("[0-9a-f]{16}");
        assertThat(created.text("fingerprint")).matches("[0-9a-f]{40}");

        // Without --name the name is the username.
        String codex = Machine.uniqueUsername();
        ak.post("/api/agents", Map.of("username", codex, "runtime", "codex", "kind", "leader")).expect(201)
                .is("name", codex).strings("id", "fingerprint");
    }

    @Test
    void identityCreateErrorsArePrintedVerbatim() {
        Cli ak = machine().cli();
        String username = Machine.uniqueUsername();
        ak.post("/api/agents", Map.of("username", username, "runtime", "gemini", "kind", "leader")).expect(201);
        // The leader exists on the server although the local file is gone: recovery goes through the restore.
        ak.post("/api/agents", Map.of("username", Machine.uniqueUsername(), "runtime", "gemini", "kind", "leader"))
                .error(409, "Leader agent for runtime \"gemini\" already exists");
        ak.post("/api/agents", Map.of("username", username, "runtime", "gemini", "kind", "leader"))
                .error(409, "Username \"" + username + "\" is already taken");
        ak.post("/api/agents", Map.of("username", "Not_Valid", "runtime", "claude", "kind", "leader"))
                .error(400, "Invalid username \"Not_Valid\"");
    }

    @Test
    void aLostIdentityIsRestoredFromTheOnlyLeaderOfThatRuntime() {
        Tenant owner = Tenant.create();
        Machine m = owner.machine();
        Agent claude = m.leader("claude");
        m.leader("codex");
        m.worker();

        List<JsonNode> leaders = new ArrayList<>();
        m.cli().get("/api/agents").expect(200)
                .each(a -> a.strings("id", "name", "kind", "runtime", "fingerprint", "status")
                        .integers("builtin").stringsOrNull("role", "bio"))
                .node().forEach(a -> {
                    if ("leader".equals(a.get("kind").asText()) && "claude".equals(a.get("runtime").asText())) {
                        leaders.add(a);
                    }
                });
        assertThat(leaders).hasSize(1);
        assertThat(leaders.get(0).get("id").asText()).isEqualTo(claude.id);
    }

    @Test
    void aLeaderSessionIsOpenedWithTheMachineKeyThenEveryCommandUsesItsJwt() {
        Machine m = Tenant.create().machine();
        String leaderId = m.cli().post("/api/agents",
                        Map.of("username", Machine.uniqueUsername(), "runtime", "codex", "kind", "leader"))
                .expect(201).text("id");
        // ak's first agent command in the runtime: key pair, UUID, session by the machine; answer ignored.
        Agent leader = m.session(leaderId);
        Cli ak = leader.cli();
        ak.get("/api/boards").expect(200);
        ak.post("/api/boards", Map.of("name", "Leader board " + UUID.randomUUID(), "type", "ops")).expect(201);
        // The server takes the kind from the agent: a leader is no worker.
        ak.post("/api/tasks/zzzzzzzzzzzz/claim").error(403, "agent:worker required");
    }

    @Test
    void anUnregisteredMachineKeyCannotOpenALeaderSession() {
        // ak identity create works before the daemon ever ran; the session needs a registered machine.
        Cli unbound = Cli.withKey(Tenant.create().createApiKey());
        String leaderId = unbound.post("/api/agents",
                        Map.of("username", Machine.uniqueUsername(), "runtime", "claude", "kind", "leader"))
                .expect(201).text("id");
        unbound.post("/api/agents/" + leaderId + "/sessions", Map.of("session_id", UUID.randomUUID().toString(),
                "session_public_key", AgentJwt.generate().publicKey())).error(400, "Machine not registered");
    }

    @Test
    void aLeaderWhoseSessionBecameInvalidGets401OnEveryCommand() {
        Tenant owner = Tenant.create();
        Machine m = owner.machine();
        Agent leader = m.leader("claude");
        leader.cli().get("/api/agents").expect(200);
        owner.asUser().delete("/api/machines/" + m.id).then().statusCode(200);
        String gone = "Invalid agent session: 401 {\"error\":\"agent_not_found\",\"message\":\"Agent not found\"}";
        leader.cli().get("/api/agents").error(401, gone);
        leader.cli().get("/api/boards").error(401, gone);
    }
}
