package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.agent.AgentResource;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.board.BoardService;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.task.TaskResource;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task: its fields, dependencies, one timeline of actions and messages, a person's actions, the live agent. */
@Path("/tasks/{id}")
@Produces(MediaType.TEXT_HTML)
public class TaskPages {

    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("created", "created the task"), Map.entry("assigned", "assigned it"),
            Map.entry("claimed", "claimed it"), Map.entry("review_requested", "asked for review"),
            Map.entry("rejected", "rejected it"), Map.entry("completed", "completed it"),
            Map.entry("cancelled", "cancelled it"), Map.entry("released", "released it"),
            Map.entry("timed_out", "timed out"), Map.entry("commented", "noted"));

    @Inject
    Caller caller;

    @Inject
    TaskResource tasks;

    @Inject
    AgentResource agents;

    @Inject
    BoardService boards;

    @Location("task.html")
    Template page;

    @GET
    @Access(USER)
    public TemplateInstance task(@PathParam("id") String id) {
        String readAt = Times.now();
        Map<String, Object> task = Plain.map(tasks.get(id));
        List<Map<String, Object>> workers = Plain.list(agents.list()).stream()
                .filter(a -> "worker".equals(a.get("kind"))).toList();
        var board = boards.get(caller.ownerId(), (String) task.get("board_id"));
        return withDetail(page.instance(), task)
                .data("board", Map.of("id", board.id, "name", board.name))
                .data("workers", workers)
                .data("since", readAt);
    }

    @GET
    @Path("detail")
    @Access(USER)
    public TemplateInstance detail(@PathParam("id") String id) {
        return withDetail(page.getFragment("detail").instance(), Plain.map(tasks.get(id)));
    }

    private TemplateInstance withDetail(TemplateInstance view, Map<String, Object> task) {
        String id = (String) task.get("id");
        return view.data("task", task)
                .data("dependencies", dependencies(task))
                .data("timeline", timeline(task, Plain.list(tasks.messages(id, null))));
    }

    /** The tasks this one waits for, with their titles and states; one that vanished shows as its id. */
    private List<Map<String, Object>> dependencies(Map<String, Object> task) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object dep : (List<?>) task.getOrDefault("depends_on", List.of())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", dep);
            try {
                Map<String, Object> other = Plain.map(tasks.get((String) dep));
                row.put("title", other.get("title"));
                row.put("status", other.get("status"));
            } catch (ApiException gone) {
                row.put("title", dep);
                row.put("status", "");
            }
            out.add(row);
        }
        return out;
    }

    /** Actions and chat messages of the task in one list, oldest first. */
    private List<Map<String, Object>> timeline(Map<String, Object> task, List<Map<String, Object>> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        String me = caller.get().userId();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notes = (List<Map<String, Object>>) task.getOrDefault("notes", List.of());
        for (Map<String, Object> n : notes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", "action");
            item.put("at", n.get("created_at"));
            item.put("who", who((String) n.get("actor_type"), (String) n.get("actor_id"), n.get("actor_name"), me));
            item.put("key", n.get("actor_public_key"));
            String action = (String) n.get("action");
            item.put("what", VERBS.getOrDefault(action, action));
            item.put("text", n.get("detail"));
            out.add(item);
        }
        for (Map<String, Object> m : messages) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", "message");
            item.put("at", m.get("created_at"));
            boolean agent = "agent".equals(m.get("sender_type"));
            item.put("who", agent ? task.getOrDefault("agent_name", "agent") : who("user", (String) m.get("sender_id"), null, me));
            item.put("key", agent ? task.get("agent_public_key") : null);
            item.put("what", "wrote");
            item.put("text", m.get("content"));
            out.add(item);
        }
        out.sort(Comparator.comparing(i -> String.valueOf(i.get("at"))));
        return out;
    }

    private static Object who(String type, String actorId, Object agentName, String me) {
        if (agentName != null) {
            return agentName;
        }
        if ("user".equals(type)) {
            return actorId != null && actorId.equals(me) ? "you" : "a person";
        }
        return "machine".equals(type) ? "the daemon" : type;
    }
}
