package dev.agentkanban.common.db;

import dev.agentkanban.auth.Public;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/** Test-only routes in front of {@link ProbeWrites}, so that concurrent writers are real requests. */
@Public
@Path("/test/writes")
public class ProbeResource {

    @Inject
    ProbeWrites writes;

    @Inject
    ProbeTag tag;

    @POST
    @Path("/{mode}/{id}")
    public Map<String, Object> create(@PathParam("mode") String mode, @PathParam("id") String id,
            @QueryParam("other") String other, @HeaderParam("X-Probe-Tag") String value) throws InterruptedException {
        tag.set(value);
        return writes.create(id, mode, other);
    }

    @GET
    @Path("/name/{id}")
    public Map<String, Object> name(@PathParam("id") String id) {
        return Map.of("name", String.valueOf(writes.nameOf(id)));
    }
}
