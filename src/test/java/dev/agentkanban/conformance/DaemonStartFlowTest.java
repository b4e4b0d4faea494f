package dev.agentkanban.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Cli;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.Server;
import dev.agentkanban.support.Shape;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 6.2, 6.3, 6.8 and 6.10: the daemon's startup sequence, its heartbeat loop, the
 * leader-session cleanup and the shutdown, each call exactly as the daemon sends it.
 */
@QuarkusTest
class DaemonStartFlowTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    private static Team team() {
        return TEAM.get();
    }

    @Test
    void startupRegistersHeartbeatsAndClosesTheSessionsAPreviousRunLeftOpen() {
        Team t = team();
        Cli daemon = t.machine.cli();
        // A previous run left a worker session open with a task in progress; the live leader stays.
        Agent stale = t.machine.session(t.worker.id);
        String running = t.task("Running when the daemon died");
        stale.cli().post("/api/tasks/" + running + "/claim").expect(200);

        // Step 1: registration is an upsert by device, so the restarted daemon gets the same machine.
        Map<String, Object> registration = registration(t.machine.deviceId, List.of("Claude Code", "Codex CLI"));
        Shape machine = daemon.post("/api/machines", registration).expect(201).is("id", t.machine.id)
                .strings("name", "os", "version", "device_id").arrays("runtimes");
        assertThat(machine.text("id")).matches("[0-9a-z]{8}");
        // Step 2: the first heartbeat; its answer is not read but must be JSON.
        daemon.post("/api/machines/" + t.machine.id + "/heartbeat",
                Map.of("version", Cli.VERSION, "runtimes", List.of("Claude Code", "Codex CLI"))).expect(200);

        // Steps 3, 4, 4a: every agent's sessions; active ones of this machine without a live process close.
        Shape agents = daemon.get("/api/agents").expect(200).each(a -> a.strings("id"));
        for (JsonNode agent : agents.node()) {
            Shape sessions = daemon.get("/api/agents/" + agent.get("id").asText() + "/sessions").expect(200);
            for (JsonNode s : sessions.node()) {
                Shape.of(s).strings("id", "status", "machine_id");
                boolean liveLeader = s.get("id").asText().equals(t.leader.sessionId);
                if ("active".equals(s.get("status").asText()) && t.machine.id.equals(s.get("machine_id").asText())
                        && !liveLeader) {
                    daemon.delete("/api/agents/" + agent.get("id").asText() + "/sessions/" + s.get("id").asText())
                            .expect(200).is("ok", true);
                }
            }
        }
        daemon.get("/api/agents/" + t.worker.id + "/sessions").expect(200).find("id", stale.sessionId)
                .is("status", "closed").timestamps("closed_at");
        daemon.get("/api/agents/" + t.leader.id + "/sessions").expect(200).find("id", t.leader.sessionId)
                .is("status", "active");
        // Step 5: the audit of local worker session files.
        daemon.get("/api/tasks/" + running).expect(200).is("status", "in_progress");
        // The live leader keeps working.
        t.leader.cli().get("/api/boards").expect(200);
    }

    @Test
    void registrationAcceptsNoRuntimesAndBindsTheCallingKey() {
        Team t = team();
        // The user set the machine up again with a new key: same device, so the same machine.
        var created = t.tenant.asUser().body(Map.of("name", "onboarding")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract();
        Cli daemon = Cli.withKey(created.path("key"));
        daemon.post("/api/machines", registration(t.machine.deviceId, List.of())).expect(201)
                .is("id", t.machine.id).arrays("runtimes");
        assertThat(daemon.get("/api/machines/" + t.machine.id).expect(200).node().get("runtimes")).isEmpty();
        // Session creation resolves the machine from the key's binding.
        daemon.post("/api/agents/" + t.worker.id + "/sessions", Map.of("session_id", UUID.randomUUID().toString(),
                "session_public_key", AgentJwt.generate().publicKey())).expect(201).strings("delegation_proof");
        t.tenant.asUser().queryParam("id", created.<String>path("id")).get("/api/auth/api-key/get").then()
                .statusCode(200).body("metadata.machineId", equalTo(t.machine.id));
    }

    @Test
    void theHeartbeatLoopMarksTheMachineOnlineAndStoresUsageOnlyWhenGiven() {
        Team t = team();
        Cli daemon = t.machine.cli();
        String heartbeat = "/api/machines/" + t.machine.id + "/heartbeat";
        Map<String, Object> first = new HashMap<>();
        first.put("version", Cli.VERSION);
        first.put("runtimes", List.of("Claude Code"));
        first.put("usage_info", null);
        daemon.post(heartbeat, first).expect(200);
        daemon.get("/api/machines/" + t.machine.id).expect(200).is("status", "online")
                .timestamps("last_heartbeat_at").is("usage_info", null);

        Map<String, Object> usage = Map.of("windows", List.of(
                        Map.of("runtime", "claude", "label", "5-Hour", "utilization", 37, "resets_at",
                                "2026-04-14T12:00:00.000Z"),
                        Map.of("runtime", "claude", "label", "7-Day Opus", "utilization", 12.5, "resets_at",
                                "2026-04-18T00:00:00.000Z")),
                "updated_at", "2026-04-14T10:00:00.000Z");
        Map<String, Object> second = new HashMap<>(first);
        second.put("usage_info", usage);
        daemon.post(heartbeat, second).expect(200);
        daemon.post(heartbeat, first).expect(200);
        Shape stored = daemon.get("/api/machines/" + t.machine.id).expect(200).objects("usage_info");
        stored.at("/usage_info").arrays("windows").strings("updated_at");
        stored.at("/usage_info/windows/1").is("label", "7-Day Opus");
    }

    @Test
    void leaderCleanupReportsTheRuntimesTokensThenClosesTheSession() {
        Team t = team();
        Cli daemon = t.machine.cli();
        Agent leader = t.machine.session(t.leader.id);
        leader.cli().get("/api/agents").expect(200);
        String session = "/api/agents/" + leader.id + "/sessions/" + leader.sessionId;
        daemon.patch(session + "/usage", Map.of("input_tokens", 1200, "output_tokens", 300, "cache_read_tokens", 5000,
                "cache_creation_tokens", 40, "cost_micro_usd", 0)).expect(200).is("ok", true);
        daemon.delete(session).expect(200).is("ok", true);
        daemon.delete(session).expect(200).is("ok", true);
        daemon.get("/api/agents/" + leader.id + "/sessions").expect(200).find("id", leader.sessionId)
                .is("status", "closed").is("input_tokens", 1200).is("cache_read_tokens", 5000)
                .is("cost_micro_usd", 0);
        daemon.get("/api/agents/" + leader.id).expect(200).integers("input_tokens", "output_tokens",
                "cache_read_tokens", "cache_creation_tokens", "cost_micro_usd");
    }

    @Test
    void shutdownClosesRunningSessionsAndReleasesTheirTasksWithoutWaiting() throws Exception {
        Team t = team();
        Cli daemon = t.machine.cli();
        Agent worker = t.machine.session(t.worker.id);
        String taskId = t.task("Interrupted by ak stop");
        worker.cli().post("/api/tasks/" + taskId + "/claim").expect(200);

        var close = CompletableFuture.supplyAsync(
                () -> daemon.delete("/api/agents/" + worker.id + "/sessions/" + worker.sessionId));
        var release = CompletableFuture.supplyAsync(() -> daemon.post("/api/tasks/" + taskId + "/release"));
        close.get().expect(200).is("ok", true);
        release.get().expect(200).is("status", "todo").is("assigned_to", t.worker.id);
        daemon.get("/api/tasks/" + taskId).expect(200).is("status", "todo").is("scheduled_at", null);
    }

    /**
     * Step 6: the daemon awaits its relay socket before its poll loop starts (client protocol
     * 6.9): opened at the api-url with its trailing slash kept, it must open and answer the
     * keep-alive ping. The relay's other cases are in the relay package.
     */
    @Test
    void theRelaySocketOpensAtTheDaemonsUrlAndAnswersItsKeepAlive() {
        Team t = team();
        String url = Server.url().replaceFirst("^http", "ws") + "//api/tunnel/ws?role=daemon&token="
                + RelayClient.encode(t.machine.key);
        try (RelayClient tunnel = RelayClient.openUrl(url)) {
            tunnel.send("{\"type\":\"ping\"}");
            assertThat(tunnel.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    /** The registration body of the daemon: hostname, "<platform> <arch> <release>", version, runtimes, device id. */
    private static Map<String, Object> registration(String deviceId, List<String> runtimes) {
        return Map.of("name", "alex-mbp", "os", "linux x64 6.8.0-45-generic", "version", Cli.VERSION,
                "runtimes", runtimes, "device_id", deviceId);
    }
}
