package dev.agentkanban.gpg;

import dev.agentkanban.auth.Public;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code GET /agents/<username>.gpg}: the public key that verifies an agent's commits. */
@Path("/agents")
public class AgentKeyResource {

    @Inject
    PublicKeys keys;

    @GET
    @Public
    @Path("{username}.gpg")
    public Response key(@PathParam("username") String username, @HeaderParam("Accept") String accept) {
        // Browsers get text so the key shows instead of downloading.
        String type = accept != null && accept.contains("text/html") ? "text/plain" : PublicKeys.PGP_KEYS;
        return keys.of(keys.ownerOf(username), type);
    }
}
