package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.agent.AgentResource;
import dev.agentkanban.agent.SessionResource;
import dev.agentkanban.auth.Access;
import dev.agentkanban.machine.MachineResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Machines with their heartbeat state, runtimes and usage info; one machine with its sessions. */
@Path("/machines")
@Produces(MediaType.TEXT_HTML)
public class MachinePages {

    @Inject
    MachineResource machines;

    @Inject
    AgentResource agents;

    @Inject
    SessionResource sessions;

    @Location("machines.html")
    Template list;

    @Location("machine.html")
    Template detail;

    @GET
    @Access(USER)
    public TemplateInstance machines() {
        return list.data("machines", Plain.list(machines.list()));
    }

    @GET
    @Path("{id}")
    @Access(USER)
    public TemplateInstance machine(@PathParam("id") String id) {
        Map<String, Object> machine = Plain.map(machines.get(id));
        List<Map<String, Object>> ran = new ArrayList<>();
        for (Map<String, Object> agent : Plain.list(agents.list())) {
            for (Map<String, Object> s : Plain.list(sessions.list((String) agent.get("id")))) {
                if (id.equals(s.get("machine_id"))) {
                    s.put("agent_name", agent.get("name"));
                    s.put("agent_public_key", agent.get("public_key"));
                    ran.add(s);
                }
            }
        }
        ran.sort(Comparator.comparing((Map<String, Object> s) -> String.valueOf(s.get("created_at"))).reversed());
        return detail.data("machine", machine).data("sessions", ran)
                .data("windows", Usage.windows(machine.get("usage_info")))
                .data("usage", Usage.rows(machine.get("usage_info")));
    }
}
