package dev.agentkanban.agent;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Constraints;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.machine.HostRecords;
import dev.agentkanban.machine.Machine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The write transactions of agent sessions; every one is scoped to the caller's owner. */
@ApplicationScoped
public class SessionWrites {

    /** Usage increments, all non-negative. */
    public record Usage(long input, long output, long cacheRead, long cacheCreation, long cost) {
    }

    @Inject
    HostRecords hosts;

    @Inject
    EntityManager em;

    /** The checks made before signing are repeated here, where no other write can interleave. */
    @Write
    public void open(String ownerId, String machineId, String agentId, String sessionId, String publicKey,
            String proof) {
        if (Machine.owned(ownerId, machineId) == null) {
            throw machineNotRegistered();
        }
        AgentService.owned(ownerId, agentId);
        if (AgentSession.findById(sessionId) != null) {
            throw sessionExists();
        }
        AgentSession s = new AgentSession();
        s.id = sessionId;
        s.agentId = agentId;
        s.machineId = machineId;
        s.status = "active";
        s.publicKey = publicKey;
        s.delegationProof = proof;
        s.createdAt = Times.now();
        s.persist();
        try {
            em.flush();
        } catch (RuntimeException e) {
            if (Constraints.isUnique(e, "agent_sessions.id")) {
                throw sessionExists();
            }
            throw e;
        }
        hosts.ensureHost(machineId, HostRecords.lazyName(machineId), ownerId);
        hosts.addSession(sessionId, ownerId, machineId, publicKey);
    }

    /** Idempotent: closing an unknown, foreign or closed session changes nothing it should not. */
    @Write
    public void close(String ownerId, String agentId, String sessionId) {
        em.createNativeQuery("""
                UPDATE agent_sessions SET status = 'closed', closed_at = ?1
                WHERE id = ?2 AND agent_id = ?3 AND agent_id IN (SELECT id FROM agents WHERE owner_id = ?4)""")
                .setParameter(1, Times.now()).setParameter(2, sessionId).setParameter(3, agentId)
                .setParameter(4, ownerId).executeUpdate();
    }

    /** Only a closed session is reopened: 404 when it is not the caller's, 409 when already active. */
    @Write
    public void reopen(String ownerId, String agentId, String sessionId) {
        AgentSession s = AgentSession.findById(sessionId);
        String notReopenable = "Session " + sessionId + " not found or not closed";
        if (s == null || !s.agentId.equals(agentId) || Agent.owned(ownerId, agentId) == null) {
            throw ApiException.notFound(notReopenable);
        }
        if (!"closed".equals(s.status)) {
            throw ApiException.conflict("SESSION_ACTIVE", notReopenable);
        }
        s.status = "active";
        s.closedAt = null;
    }

    /** Adds the increments; a session that is not the caller's owner's answers 404. */
    @Write
    public void addUsage(String ownerId, String agentId, String sessionId, Usage u) {
        // Conditional on the owner so a foreign session id matches no row instead of being charged.
        int updated = em.createNativeQuery("""
                UPDATE agent_sessions SET input_tokens = input_tokens + ?1, output_tokens = output_tokens + ?2,
                    cache_read_tokens = cache_read_tokens + ?3, cache_creation_tokens = cache_creation_tokens + ?4,
                    cost_micro_usd = cost_micro_usd + ?5
                WHERE id = ?6 AND agent_id = ?7 AND agent_id IN (SELECT id FROM agents WHERE owner_id = ?8)""")
                .setParameter(1, u.input()).setParameter(2, u.output()).setParameter(3, u.cacheRead())
                .setParameter(4, u.cacheCreation()).setParameter(5, u.cost()).setParameter(6, sessionId)
                .setParameter(7, agentId).setParameter(8, ownerId).executeUpdate();
        if (updated == 0) {
            throw sessionNotFound();
        }
    }

    static ApiException machineNotRegistered() {
        return ApiException.badRequest("Machine not registered");
    }

    static ApiException sessionExists() {
        return ApiException.conflict("SESSION_EXISTS", "Session already exists");
    }

    static ApiException sessionNotFound() {
        return ApiException.notFound("Session not found");
    }
}
