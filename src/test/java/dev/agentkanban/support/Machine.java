package dev.agentkanban.support;

import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A machine of a tenant, registered through {@code POST /api/machines} with its own API key. */
public final class Machine {

    public final Tenant tenant;
    public final String key;
    public final String id;
    public final String deviceId;

    private Machine(Tenant tenant, String key, String id, String deviceId) {
        this.tenant = tenant;
        this.key = key;
        this.id = id;
        this.deviceId = deviceId;
    }

    static Machine register(Tenant tenant) {
        String key = tenant.createApiKey();
        String device = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String id = Cli.withKey(key).post("/api/machines", registration(device)).expect(201).text("id");
        return new Machine(tenant, key, id, device);
    }

    /** The body the daemon sends at start. */
    public static Map<String, Object> registration(String deviceId) {
        return Map.of("name", "test-host", "os", "linux x64 6.8.0", "version", "1.4.0",
                "runtimes", List.of("Claude Code", "Codex CLI"), "device_id", deviceId);
    }

    /** A request authenticated with this machine's API key. */
    public RequestSpecification request() {
        return Tenant.withKey(key);
    }

    /** This machine's daemon, calling exactly as the {@code ak} client does. */
    public Cli cli() {
        return Cli.withKey(key);
    }

    public Agent worker() {
        return agent("worker", "claude");
    }

    public Agent leader(String runtime) {
        return agent("leader", runtime);
    }

    /** Creates an agent through {@code POST /api/agents} with this machine's key and opens a session. */
    public Agent agent(String kind, String runtime) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", uniqueUsername());
        body.put("runtime", runtime);
        body.put("kind", kind);
        String agentId = cli().post("/api/agents", body).expect(201).text("id");
        return session(agentId);
    }

    /**
     * Opens a new session for an existing agent as the daemon does (client protocol 6.5 step 5): a
     * fresh key pair and UUID, the raw public key in base64url.
     */
    public Agent session(String agentId) {
        AgentJwt jwt = AgentJwt.generate();
        String sessionId = UUID.randomUUID().toString();
        String proof = cli().post("/api/agents/" + agentId + "/sessions",
                        Map.of("session_id", sessionId, "session_public_key", jwt.publicKey()))
                .expect(201).text("delegation_proof");
        return new Agent(this, agentId, sessionId, jwt, proof);
    }

    public static String uniqueUsername() {
        return "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
