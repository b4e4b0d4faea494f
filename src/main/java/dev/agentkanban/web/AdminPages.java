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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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

    /** Rows per admin list page: keeps every page small however large the server grows. */
    static final int PAGE = 50;

    @Location("admin.html")
    Template page;

    @GET
    @Access(USER)
    public TemplateInstance stats() {
        return page.data("tab", "stats").data("stats", Plain.map(admin.stats()));
    }

    /** One page of users, oldest first, optionally those whose e-mail contains {@code q}. */
    @GET
    @Path("users")
    @Access(USER)
    public TemplateInstance users(@QueryParam("q") String q, @QueryParam("page") Integer number,
            @Context HttpServerRequest request) {
        admin.stats();
        int at = number == null || number < 1 ? 1 : number;
        String search = q == null || q.isBlank() ? null : q.trim();
        Map<String, Object> list = Plain.map(users.listUsers(PAGE, (at - 1) * PAGE, search == null ? null : "email",
                search, search == null ? null : "contains", request));
        long total = ((Number) list.get("total")).longValue();
        return page.data("tab", "users").data("users", list.get("users")).data("total", total)
                .data("q", search == null ? "" : search).data("paging", Paging.of("/admin/users", Paging.param("q", search), at, total, PAGE));
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
    public TemplateInstance machines(@QueryParam("page") Integer number) {
        List<Map<String, Object>> all = Plain.list(admin.machines());
        int at = number == null || number < 1 ? 1 : number;
        int from = Math.min(all.size(), (at - 1) * PAGE);
        return page.data("tab", "machines").data("machines", all.subList(from, Math.min(all.size(), from + PAGE)))
                .data("paging", Paging.of("/admin/machines", "", at, all.size(), PAGE));
    }
}
