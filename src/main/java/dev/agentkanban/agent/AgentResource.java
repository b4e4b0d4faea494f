package dev.agentkanban.agent;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
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

/** Agents (auth spec 5, routes 16-20 and 26-28 of the permission table). */
@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

    @Inject
    Caller caller;

    @Inject
    AgentService agents;

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<AgentService.Listed> list() {
        return agents.list(caller.ownerId());
    }

    @GET
    @Path("{id}")
    @Access({USER, MACHINE, WORKER, LEADER})
    public AgentService.Detail get(@PathParam("id") String id) {
        return agents.get(caller.ownerId(), id);
    }

    @POST
    @Access({USER, MACHINE, LEADER})
    public Response create(JsonNode body) {
        return Response.status(201).entity(agents.create(caller.ownerId(), body)).build();
    }

    @PATCH
    @Path("{id}")
    @Access({USER, LEADER})
    public AgentView patch(@PathParam("id") String id, JsonNode body) {
        return agents.patch(caller.ownerId(), id, body);
    }

    @DELETE
    @Path("{id}")
    @Access({USER, LEADER})
    public Map<String, Object> delete(@PathParam("id") String id) {
        agents.delete(caller.ownerId(), id);
        return Map.of("ok", true);
    }

    @GET
    @Path("{id}/gpg-key")
    @Access(MACHINE)
    public Map<String, Object> gpgKey(@PathParam("id") String id) {
        return agents.gpgKey(caller.ownerId(), id);
    }

    /** No mail integration here: every agent's inbox is empty (auth spec 5.9). */
    @GET
    @Path("{id}/inbox")
    @Access(USER)
    public Map<String, Object> inbox(@PathParam("id") String id) {
        AgentService.owned(caller.ownerId(), id);
        return Map.of("emails", List.of());
    }

    @GET
    @Path("{id}/inbox/{emailId}")
    @Access(USER)
    public Map<String, Object> email(@PathParam("id") String id, @PathParam("emailId") String emailId) {
        AgentService.owned(caller.ownerId(), id);
        throw ApiException.notFound("Mailbox not configured");
    }
}
