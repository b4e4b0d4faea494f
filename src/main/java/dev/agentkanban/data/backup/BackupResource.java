package dev.agentkanban.data.backup;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Online backups for administrators: take one, list them, download one. */
@Path("/api/admin/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {

    @Inject
    Caller caller;

    @Inject
    BackupService backups;

    @POST
    @Access(USER)
    public Response create() {
        requireAdmin();
        Backups.Copy copy = backups.create();
        Map<String, Object> body = describe(copy.file());
        body.put("duration_ms", copy.millis());
        body.put("rows", copy.rows());
        body.put("integrity", "ok");
        return Response.status(201).entity(body).build();
    }

    @GET
    @Access(USER)
    public Map<String, Object> list() {
        requireAdmin();
        List<Map<String, Object>> files = backups.list().stream().map(BackupResource::describe).toList();
        return Map.of("backups", files);
    }

    @GET
    @Path("/{file}")
    @Produces("application/vnd.sqlite3")
    @Access(USER)
    public Response download(@PathParam("file") String file) {
        requireAdmin();
        java.nio.file.Path path = backups.find(file);
        return Response.ok(path.toFile())
                .header("Content-Disposition", "attachment; filename=\"" + path.getFileName() + "\"")
                .build();
    }

    private static Map<String, Object> describe(java.nio.file.Path file) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("file", file.getFileName().toString());
            body.put("bytes", Files.size(file));
            body.put("created_at", Times.format(Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis())));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireAdmin() {
        if (!caller.get().admin()) {
            throw ApiException.forbidden("FORBIDDEN");
        }
    }
}
