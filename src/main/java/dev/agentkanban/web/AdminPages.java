package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentkanban.admin.AdminResource;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.user.UserAdminResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Server administration. Each page first reads through the admin API, whose own check refuses
 * everyone but admins, so a non-admin gets the API's 403 as a page.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    @Inject
    AdminResource admin;

    @Inject
    UserAdminResource users;

    @Location("admin.html")
    Template page;

    @GET
    @Access(USER)
    public TemplateInstance stats() {
        return page.data("tab", "stats").data("stats", Plain.map(admin.stats()));
    }

    @GET
    @Path("users")
    @Access(USER)
    public TemplateInstance users(@Context HttpServerRequest request) {
        admin.stats();
        Map<String, Object> list = Plain.map(users.listUsers(200, null, null, null, null, request));
        return page.data("tab", "users").data("users", list.get("users")).data("total", list.get("total"));
    }

    @GET
    @Path("users/{id}")
    @Access(USER)
    public TemplateInstance user(@PathParam("id") String id, @Context HttpServerRequest request) {
        admin.stats();
        var body = JsonNodeFactory.instance.objectNode().put("userId", id);
        Map<String, Object> sessions = Plain.map(users.listSessions(body, request));
        return page.data("tab", "sessions").data("userId", id).data("sessions", sessions.get("sessions"));
    }

    @GET
    @Path("machines")
    @Access(USER)
    public TemplateInstance machines() {
        return page.data("tab", "machines").data("machines", Plain.list(admin.machines()));
    }
}
