package dev.agentkanban.agent;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.auth.Capabilities;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Agent sessions (auth spec 6, routes 21-25 of the permission table). */
@Path("/api/agents/{agentId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Caller caller;

    @Inject
    SessionService sessions;

    @Inject
    SessionWrites writes;

    @POST
    @Access(MACHINE)
    public Response open(@PathParam("agentId") String agentId, JsonNode body) {
        String proof = sessions.open(caller.get(), agentId, body);
        return Response.status(201).entity(Map.of("delegation_proof", proof)).build();
    }

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<Map<String, Object>> list(@PathParam("agentId") String agentId) {
        return sessions.list(caller.ownerId(), agentId);
    }

    @DELETE
    @Path("{sessionId}")
    @Access(MACHINE)
    public Map<String, Object> close(@PathParam("agentId") String agentId, @PathParam("sessionId") String sessionId) {
        writes.close(caller.ownerId(), agentId, sessionId);
        return Map.of("ok", true);
    }

    @POST
    @Path("{sessionId}/reopen")
    @Access(MACHINE)
    public Map<String, Object> reopen(@PathParam("agentId") String agentId,
            @PathParam("sessionId") String sessionId) {
        writes.reopen(caller.ownerId(), agentId, sessionId);
        return Map.of("ok", true);
    }

    /** Also after the close: the daemon sends a worker's final cost right after closing its session. */
    @PATCH
    @Path("{sessionId}/usage")
    @Access(value = {MACHINE, WORKER, LEADER}, capability = Capabilities.USAGE, closedSession = true)
    public Map<String, Object> usage(@PathParam("agentId") String agentId, @PathParam("sessionId") String sessionId,
            JsonNode body) {
        sessions.addUsage(caller.get(), agentId, sessionId, body);
        return Map.of("ok", true);
    }
}
