package dev.agentkanban.gpg;

import dev.agentkanban.auth.Public;
import dev.agentkanban.common.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Web Key Directory, direct method (auth spec 8.5, 8.6). Like the original it serves the armored
 * key rather than the binary one the standard asks for.
 */
@Path("/.well-known/openpgpkey")
public class WkdResource {

    @Inject
    PublicKeys keys;

    @GET
    @Public
    @Path("hu/{hash}")
    public Response key(@PathParam("hash") String hash, @QueryParam("l") String localPart) {
        if (localPart == null) {
            throw ApiException.badRequest("Missing l= query parameter");
        }
        String ownerId = keys.ownerOf(localPart);
        if (!Wkd.hash(localPart).equals(hash)) {
            throw ApiException.notFound("Hash mismatch");
        }
        return keys.of(ownerId, PublicKeys.PGP_KEYS);
    }

    @GET
    @Public
    @Path("policy")
    public Response policy() {
        return Response.ok("", "text/plain").build();
    }
}
