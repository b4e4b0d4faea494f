package dev.agentkanban.agent;

import dev.agentkanban.gpg.AgentOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** What other features look up about an agent, by id or username; never a secret. */
@ApplicationScoped
public class AgentDirectory implements AgentOwners {

    @Inject
    EntityManager em;

    /** How an agent is shown as the actor of a task's log. */
    public record Card(String name, String publicKey, String kind) {
    }

    /** The kind of the owner's agent, or null when the owner has no such agent. */
    public String kindOf(String ownerId, String agentId) {
        List<?> rows = em.createNativeQuery("SELECT kind FROM agents WHERE id = ?1 AND owner_id = ?2")
                .setParameter(1, agentId)
                .setParameter(2, ownerId)
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** The agent's card, or null when it no longer exists. */
    public Card card(String agentId) {
        List<?> rows = em.createNativeQuery("SELECT name, public_key, kind FROM agents WHERE id = ?1")
                .setParameter(1, agentId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Card((String) r[0], (String) r[1], (String) r[2]);
    }

    @Override
    public String ownerOf(String username) {
        Agent agent = Agent.byUsername(username);
        return agent == null ? null : agent.ownerId;
    }
}
