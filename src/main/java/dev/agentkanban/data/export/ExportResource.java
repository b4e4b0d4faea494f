package dev.agentkanban.data.export;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A signed-in user downloads their own boards and tasks as one JSON document. */
@Path("/api/export")
public class ExportResource {

    @Inject
    Caller caller;

    @Inject
    ExportService export;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(USER)
    public Response download() {
        String ownerId = caller.ownerId();
        StreamingOutput body = out -> export.write(ownerId, out);
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"agent-kanban-export-"
                        + LocalDate.now(ZoneOffset.UTC) + ".json\"")
                .build();
    }
}
