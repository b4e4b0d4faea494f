package dev.agentkanban.admin;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Server-wide statistics and machine overview for administrators (api spec 14.3, 14.4). */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Caller caller;

    @Inject
    AdminService admin;

    @GET
    @Path("/stats")
    @Access(USER)
    public Map<String, Object> stats() {
        requireAdmin();
        return admin.stats();
    }

    /** Any identity passes the rule; the handler then refuses everyone but admins, as the original. */
    @GET
    @Path("/machines")
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<AdminService.Overview> machines() {
        requireAdmin();
        return admin.machines();
    }

    private void requireAdmin() {
        if (!caller.get().admin()) {
            throw ApiException.forbidden("FORBIDDEN");
        }
    }
}
