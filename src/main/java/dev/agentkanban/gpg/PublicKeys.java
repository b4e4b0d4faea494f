package dev.agentkanban.gpg;

import dev.agentkanban.agent.Agent;
import dev.agentkanban.common.error.ApiException;
import jakarta.ws.rs.core.Response;

/** The owner's armored public root key, as the public routes serve it (auth spec 8.4, 8.5). */
final class PublicKeys {

    static final String PGP_KEYS = "application/pgp-keys";

    private PublicKeys() {
    }

    /** Exact, case-sensitive username lookup across all owners. */
    static Agent agent(String username) {
        Agent agent = Agent.byUsername(username);
        if (agent == null) {
            throw ApiException.notFound("Agent not found");
        }
        return agent;
    }

    static Response of(Agent agent, String type) {
        GpgKey key = GpgKey.ofOwner(agent.ownerId);
        if (key == null) {
            throw ApiException.notFound("GPG key not found");
        }
        return Response.ok(key.armoredPublicKey, type).header("Cache-Control", "public, max-age=3600").build();
    }
}
