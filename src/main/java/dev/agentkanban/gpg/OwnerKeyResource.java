package dev.agentkanban.gpg;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/gpg/public-key}: the signed-in user's own root public key, e.g. to add it to a
 * code host so agents' signed commits show as verified. The original names this route in its
 * rules without serving it; ours answers with the key.
 */
@Path("/api/gpg/public-key")
public class OwnerKeyResource {

    @Inject
    Caller caller;

    @GET
    @Access(USER)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> publicKey() {
        GpgKey key = GpgKey.ofOwner(caller.ownerId());
        if (key == null) {
            throw ApiException.notFound("GPG key not found");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", key.fingerprint);
        out.put("armored_public_key", key.armoredPublicKey);
        return out;
    }
}
