package dev.agentkanban.agent;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Constraints;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.gpg.GpgService;
import dev.agentkanban.gpg.OpenPgp;
import dev.agentkanban.machine.HostRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Consumer;

/**
 * The write transactions of agents. Writes are serialized, so the uniqueness checks made here
 * are authoritative; the unique indexes stay as the backstop and map to the same 409s.
 */
@ApplicationScoped
public class AgentWrites {

    @Inject
    GpgService gpg;

    @Inject
    HostRecords hosts;

    @Inject
    EntityManager em;

    @Inject
    Event<AgentDeleting> deleting;

    /** Checks 6 and 7 of auth spec 5.4, in that order: a taken username wins over the leader rule. */
    static void checkFree(String ownerId, String username, String runtime, boolean leader) {
        if (Agent.count("username", username) > 0) {
            throw usernameTaken(username);
        }
        if (leader && Agent.count("ownerId = ?1 and kind = ?2 and runtime = ?3", ownerId, Agent.LEADER, runtime) > 0) {
            throw leaderExists(runtime);
        }
    }

    /** The subkey (and a root key for a first agent) were generated before taking the write lock. */
    @Write
    public Agent insert(String ownerId, NewAgent req, OpenPgp.Subkey key, OpenPgp.Root preparedRoot) {
        checkFree(ownerId, req.username(), req.runtime(), req.leader());
        gpg.addAgent(ownerId, req.username(), key, preparedRoot);
        String now = Times.now();
        Agent a = Agent.withKey(ownerId, req.username(), key, now);
        a.name = req.name();
        a.gpgSubkeyId = key.keyId().toUpperCase();
        a.bio = req.bio();
        a.soul = req.soul();
        a.role = req.role();
        a.kind = req.kind();
        a.handoffTo = JsonColumns.write(req.handoffTo());
        a.runtime = req.runtime();
        a.model = req.model();
        a.skills = JsonColumns.write(req.skills());
        a.builtin = 0;
        a.persist();
        flush(a);
        return a;
    }

    @Write
    public Agent update(String ownerId, String id, List<Consumer<Agent>> changes) {
        Agent a = modifiable(ownerId, id, "Built-in agents cannot be modified");
        changes.forEach(change -> change.accept(a));
        a.updatedAt = Times.now();
        flush(a);
        return a;
    }

    /**
     * Lets the task feature un-assign its open tasks first; its sessions cascade away and their
     * tokens stop working.
     */
    @Write
    public void delete(String ownerId, String id) {
        Agent a = modifiable(ownerId, id, "Built-in agents cannot be deleted");
        deleting.fire(new AgentDeleting(ownerId, id));
        hosts.deleteSessionsOf(id);
        a.delete();
    }

    static Agent modifiable(String ownerId, String id, String builtinMessage) {
        Agent a = Agent.owned(ownerId, id);
        if (a == null) {
            throw ApiException.notFound("Agent not found");
        }
        if (a.builtin == 1) {
            throw ApiException.forbidden(builtinMessage);
        }
        return a;
    }

    /** Flushes now so an index violation becomes the rule's own 409, never a 500. */
    private void flush(Agent a) {
        try {
            em.flush();
        } catch (RuntimeException e) {
            if (Constraints.isUnique(e, "agents.username")) {
                throw usernameTaken(a.username);
            }
            if (Constraints.isUnique(e, "agents.owner_id, agents.runtime")) {
                throw leaderExists(a.runtime);
            }
            throw e;
        }
    }

    static ApiException usernameTaken(String username) {
        return ApiException.conflict("USERNAME_TAKEN", "Username \"" + username + "\" is already taken");
    }

    static ApiException leaderExists(String runtime) {
        return ApiException.conflict("LEADER_EXISTS", "Leader agent for runtime \"" + runtime + "\" already exists");
    }
}
