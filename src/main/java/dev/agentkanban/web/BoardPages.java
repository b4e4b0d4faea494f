package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.agent.AgentResource;
import dev.agentkanban.auth.Access;
import dev.agentkanban.board.BoardResource;
import dev.agentkanban.common.Times;
import dev.agentkanban.repo.RepoResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Boards list, new board, and a board's five columns (also alone, for the live view to swap in). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BoardPages {

    static final List<String> STATUSES = List.of("todo", "in_progress", "in_review", "done", "cancelled");

    @Inject
    BoardResource boards;

    @Inject
    RepoResource repositories;

    @Inject
    AgentResource agents;

    @Location("boards.html")
    Template list;

    @Location("board-new.html")
    Template create;

    @Location("board.html")
    Template board;

    @Location("columns.html")
    Template columns;

    @GET
    @Access(USER)
    public TemplateInstance home() {
        return list.data("boards", Plain.list(boards.list(null)));
    }

    @GET
    @Path("boards/new")
    @Access(USER)
    public TemplateInstance newBoard() {
        return create.instance();
    }

    @GET
    @Path("boards/{id}")
    @Access(USER)
    public TemplateInstance board(@PathParam("id") String id, @QueryParam("repo") String repo) {
        String readAt = Times.now();
        Map<String, Object> b = Plain.map(boards.get(id));
        List<Map<String, Object>> workers = Plain.list(agents.list()).stream()
                .filter(a -> "worker".equals(a.get("kind"))).toList();
        return withColumns(board.instance(), b, repo)
                .data("shared", false)
                .data("since", readAt)
                .data("repositories", Plain.list(repositories.list(null)))
                .data("workers", workers);
    }

    @GET
    @Path("boards/{id}/columns")
    @Access(USER)
    public TemplateInstance columns(@PathParam("id") String id, @QueryParam("repo") String repo) {
        return withColumns(columns.instance(), Plain.map(boards.get(id)), repo).data("shared", false);
    }

    /** A shared board's columns for anyone: its public view, which carries no blocked marker. */
    public static TemplateInstance publicColumns(TemplateInstance page, Object publicView) {
        Map<String, Object> board = Plain.map(publicView);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) board.get("tasks");
        tasks.forEach(t -> t.put("blocked", false));
        return withColumns(page, board, null).data("shared", true);
    }

    /** The board's tasks in their five columns, filtered to one repository when asked. */
    static TemplateInstance withColumns(TemplateInstance page, Map<String, Object> board, String repo) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) board.getOrDefault("tasks", List.of());
        Map<String, String> repos = new TreeMap<>();
        for (Map<String, Object> t : tasks) {
            if (t.get("repository_id") != null && t.get("repository_name") != null) {
                repos.put((String) t.get("repository_id"), (String) t.get("repository_name"));
            }
        }
        String active = repo != null && repos.containsKey(repo) ? repo : null;
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String status : STATUSES) {
            List<Map<String, Object>> in = tasks.stream()
                    .filter(t -> status.equals(t.get("status")))
                    .filter(t -> active == null || Objects.equals(active, t.get("repository_id")))
                    .toList();
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("status", status);
            column.put("label", Fmt.status(status));
            column.put("tasks", in);
            columns.add(column);
        }
        List<Map<String, Object>> filters = new ArrayList<>();
        repos.forEach((repoId, name) -> filters.add(Map.of("id", repoId, "name", name)));
        return page.data("board", board)
                .data("columns", columns)
                .data("filters", filters)
                .data("activeRepo", active == null ? "" : active);
    }
}
