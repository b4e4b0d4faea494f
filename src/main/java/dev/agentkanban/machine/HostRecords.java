package dev.agentkanban.machine;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The auth tables the original's session library kept: one {@code agentHost} per machine and one
 * {@code agent} row per agent session holding its public key as a JWK. Kept so the database stays
 * a faithful copy of the original's; capabilities are derived from the agent's kind instead of
 * {@code agentCapabilityGrant} rows.
 */
@ApplicationScoped
public class HostRecords {

    @Inject
    EntityManager em;

    /** Creates the machine's host record unless it exists (registration, session creation). */
    @Write
    public void ensureHost(String machineId, String name, String ownerId) {
        String now = Times.now();
        em.createNativeQuery("""
                INSERT OR IGNORE INTO agentHost (id, name, userId, status, activatedAt, createdAt, updatedAt)
                VALUES (?1, ?2, ?3, 'active', ?4, ?4, ?4)""")
                .setParameter(1, machineId).setParameter(2, name).setParameter(3, ownerId).setParameter(4, now)
                .executeUpdate();
    }

    /** Removes the host; its session records and their grants cascade away with it. */
    @Write
    public void deleteHost(String machineId) {
        em.createNativeQuery("DELETE FROM agentHost WHERE id = ?1").setParameter(1, machineId).executeUpdate();
    }

    /** The session record for one agent session; replaces a stale record left under the same id. */
    @Write
    public void addSession(String sessionId, String ownerId, String machineId, String sessionPublicKey) {
        String now = Times.now();
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + sessionPublicKey + "\"}";
        em.createNativeQuery("""
                INSERT OR REPLACE INTO agent (id, name, userId, hostId, status, mode, publicKey, activatedAt,
                    lastUsedAt, createdAt, updatedAt)
                VALUES (?1, ?2, ?3, ?4, 'active', 'autonomous', ?5, ?6, ?6, ?6, ?6)""")
                .setParameter(1, sessionId).setParameter(2, "session-" + prefix(sessionId))
                .setParameter(3, ownerId).setParameter(4, machineId).setParameter(5, jwk).setParameter(6, now)
                .executeUpdate();
    }

    /** Drops the session records of an agent about to be deleted, so nothing points at it. */
    @Write
    public void deleteSessionsOf(String agentId) {
        em.createNativeQuery("DELETE FROM agent WHERE id IN (SELECT id FROM agent_sessions WHERE agent_id = ?1)")
                .setParameter(1, agentId).executeUpdate();
    }

    public static String lazyName(String machineId) {
        return "machine-" + prefix(machineId);
    }

    private static String prefix(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
