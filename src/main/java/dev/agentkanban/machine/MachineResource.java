package dev.agentkanban.machine;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.common.web.Truthiness;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Machines (auth spec 7): registration and heartbeats by the daemon's key, reads for everyone. */
@Path("/api/machines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    Caller caller;

    @Inject
    MachineService machines;

    @Inject
    MachineWrites writes;

    @POST
    @Access(MACHINE)
    public Response register(JsonNode json) {
        Body body = Body.of(json);
        for (String field : List.of("name", "os", "version", "runtimes", "device_id")) {
            if (!Truthiness.of(json.get(field))) {
                throw ApiException.badRequest("name, os, version, runtimes, and device_id are required");
            }
        }
        Machine m = writes.register(caller.get(), body.string("name", Body.MAX_SHORT),
                body.string("os", Body.MAX_SHORT), body.string("version", Body.MAX_SHORT), body.strings("runtimes"),
                body.string("device_id", Body.MAX_SHORT));
        return Response.status(201).entity(MachineView.of(m)).build();
    }

    @POST
    @Path("{id}/heartbeat")
    @Access(value = MACHINE, skipVersionGate = true)
    public MachineView heartbeat(@PathParam("id") String id, JsonNode json) {
        Body body = Body.of(json);
        JsonNode usage = json.get("usage_info");
        if (usage != null && !usage.isNull() && !usage.isObject()) {
            throw ApiException.badRequest("usage_info must be an object or null");
        }
        return MachineView.of(writes.heartbeat(caller.get(), id, body.string("version", Body.MAX_SHORT),
                body.strings("runtimes"), JsonColumns.write(usage)));
    }

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<MachineService.Listed> list() {
        return machines.list(caller.ownerId());
    }

    @GET
    @Path("{id}")
    @Access({USER, MACHINE, WORKER, LEADER})
    public MachineService.Detail get(@PathParam("id") String id) {
        return machines.get(caller.ownerId(), id);
    }

    @DELETE
    @Path("{id}")
    @Access(USER)
    public Map<String, Object> delete(@PathParam("id") String id) {
        writes.delete(caller.ownerId(), id);
        return Map.of("ok", true);
    }
}
