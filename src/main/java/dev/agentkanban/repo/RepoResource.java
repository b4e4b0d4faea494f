package dev.agentkanban.repo;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Git repositories (api spec 10.6). */
@Path("/api/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class RepoResource {

    private static final Map<String, Object> OK = Map.of("ok", true);

    @Inject
    Caller caller;

    @Inject
    RepoService repos;

    @POST
    @Access({USER, LEADER})
    public Response create(JsonNode json) {
        Body body = Body.of(json);
        String name = body.string("name", Body.MAX_SHORT);
        String url = body.string("url", Body.MAX_SHORT);
        if (name == null || name.isEmpty() || url == null || url.isEmpty()) {
            throw ApiException.badRequest("name and url are required");
        }
        return Response.status(201).entity(repos.create(caller.ownerId(), name, url).view()).build();
    }

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<Map<String, Object>> list(@QueryParam("url") String url) {
        return repos.list(caller.ownerId(), url);
    }

    @GET
    @Path("/{id}")
    @Access({USER, MACHINE, WORKER, LEADER})
    public Map<String, Object> get(@PathParam("id") String id) {
        return repos.get(caller.ownerId(), id).view();
    }

    /** Another owner's repository answers 404 like a missing one (the original said 403 Forbidden). */
    @DELETE
    @Path("/{id}")
    @Access({USER, LEADER})
    public Map<String, Object> delete(@PathParam("id") String id) {
        repos.delete(caller.ownerId(), id);
        return OK;
    }
}
