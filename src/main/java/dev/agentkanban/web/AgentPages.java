package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.agent.AgentResource;
import dev.agentkanban.agent.SessionResource;
import dev.agentkanban.auth.Access;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Agents as cards, one agent's profile with its usage per day and sessions, create and edit. */
@Path("/agents")
@Produces(MediaType.TEXT_HTML)
public class AgentPages {

    static final int CHART_DAYS = 14;

    @Inject
    AgentResource agents;

    @Inject
    SessionResource sessions;

    @Location("agents.html")
    Template list;

    @Location("agent.html")
    Template detail;

    @Location("agent-form.html")
    Template form;

    @GET
    @Access(USER)
    public TemplateInstance agents() {
        List<Map<String, Object>> all = Plain.list(agents.list());
        long online = all.stream().filter(a -> "online".equals(a.get("status"))).count();
        return list.data("agents", all).data("online", online);
    }

    @GET
    @Path("new")
    @Access(USER)
    public TemplateInstance create() {
        Map<String, Object> blank = new java.util.HashMap<>();
        for (String field : List.of("id", "name", "model", "bio", "soul", "skills")) {
            blank.put(field, null);
        }
        return form.data("agent", blank).data("editing", false);
    }

    @GET
    @Path("{id}")
    @Access(USER)
    public TemplateInstance agent(@PathParam("id") String id) {
        Map<String, Object> agent = Plain.map(agents.get(id));
        List<Map<String, Object>> history = Plain.list(sessions.list(id));
        UsageChart usage = UsageChart.of(history, CHART_DAYS);
        return detail.data("agent", agent).data("sessions", history).data("usage", usage);
    }

    @GET
    @Path("{id}/edit")
    @Access(USER)
    public TemplateInstance edit(@PathParam("id") String id) {
        return form.data("agent", Plain.map(agents.get(id))).data("editing", true);
    }
}
