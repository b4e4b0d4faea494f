package dev.agentkanban.gpg;

import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** The owner's armored public root key, as the public routes serve it (auth spec 8.4, 8.5). */
@ApplicationScoped
class PublicKeys {

    static final String PGP_KEYS = "application/pgp-keys";

    @Inject
    AgentOwners agents;

    /** The owner of the agent with this exact, case-sensitive username, across all owners; or the 404. */
    String ownerOf(String username) {
        String ownerId = agents.ownerOf(username);
        if (ownerId == null) {
            throw ApiException.notFound("Agent not found");
        }
        return ownerId;
    }

    Response of(String ownerId, String type) {
        GpgKey key = GpgKey.ofOwner(ownerId);
        if (key == null) {
            throw ApiException.notFound("GPG key not found");
        }
        return Response.ok(key.armoredPublicKey, type).header("Cache-Control", "public, max-age=3600").build();
    }
}
