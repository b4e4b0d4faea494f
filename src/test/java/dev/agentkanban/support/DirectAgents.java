package dev.agentkanban.support;

import static io.restassured.RestAssured.given;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Agents for tests, written straight into the database (an {@code agents} row, its own
 * {@code machines} row and an active {@code agent_sessions} row) so task tests do not depend on
 * the agent routes. Requests are signed with real session JWTs, which the server verifies as it
 * would the CLI's.
 */
public final class DirectAgents {

    private final DataSource db;

    public DirectAgents(DataSource db) {
        this.db = db;
    }

    public Agent worker(String ownerId) {
        return create(ownerId, "worker", "claude", "Worker");
    }

    public Agent leader(String ownerId) {
        return create(ownerId, "leader", "claude", "Leader");
    }

    public Agent create(String ownerId, String kind, String runtime, String name) {
        String id = HexFormat.of().formatHex(Ids.bytes(8));
        String machineId = Ids.shortId();
        String now = Times.now();
        String publicKey = AgentJwt.generate().publicKey();
        String fingerprint = HexFormat.of().formatHex(Ids.bytes(20));
        update("INSERT INTO machines (id, owner_id, name, device_id, created_at) VALUES (?, ?, ?, ?, ?)",
                machineId, ownerId, "test-host", HexFormat.of().formatHex(Ids.bytes(8)), now);
        update("""
                INSERT INTO agents (id, owner_id, name, kind, runtime, public_key, private_key, fingerprint, builtin,
                                    created_at, updated_at, username)
                VALUES (?, ?, ?, ?, ?, ?, '{}', ?, 0, ?, ?, ?)""",
                id, ownerId, name, kind, runtime, publicKey, fingerprint, now, now, kind + "-" + id);
        Agent agent = new Agent(id, ownerId, machineId, name, kind, publicKey, fingerprint);
        agent.session = agent.newSession();
        return agent;
    }

    private void update(String sql, Object... values) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public final class Agent {

        public final String id;
        public final String ownerId;
        public final String machineId;
        public final String name;
        public final String kind;
        public final String publicKey;
        public final String fingerprint;
        private Session session;

        private Agent(String id, String ownerId, String machineId, String name, String kind, String publicKey,
                String fingerprint) {
            this.id = id;
            this.ownerId = ownerId;
            this.machineId = machineId;
            this.name = name;
            this.kind = kind;
            this.publicKey = publicKey;
            this.fingerprint = fingerprint;
        }

        /** Another active session of this agent on its machine, with its own key. */
        public Session newSession() {
            AgentJwt key = AgentJwt.generate();
            String sessionId = UUID.randomUUID().toString();
            update("""
                    INSERT INTO agent_sessions (id, agent_id, machine_id, status, public_key, delegation_proof, created_at)
                    VALUES (?, ?, ?, 'active', ?, 'test', ?)""",
                    sessionId, id, machineId, key.publicKey(), Times.now());
            return new Session(sessionId, id, key);
        }

        public Session session() {
            return session;
        }

        /** A request signed by the agent's first session with a fresh token. */
        public RequestSpecification request() {
            return session.request();
        }
    }

    public static final class Session {

        public final String id;
        private final String agentId;
        private final AgentJwt key;

        Session(String id, String agentId, AgentJwt key) {
            this.id = id;
            this.agentId = agentId;
            this.key = key;
        }

        public String token() {
            return key.token(id, agentId, Server.url());
        }

        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + token()).contentType(ContentType.JSON);
        }
    }
}
