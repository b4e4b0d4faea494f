package dev.agentkanban.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkanban.agent.AgentDeleting;
import dev.agentkanban.agent.AgentDirectory;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.IdentityType;
import dev.agentkanban.board.Board;
import dev.agentkanban.board.BoardService;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import dev.agentkanban.repo.RepoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Creating, editing and deleting tasks (api spec 5.1, 5.4, 5.5). */
@ApplicationScoped
public class TaskService {

    static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "urgent");

    @Inject
    EntityManager em;

    @Inject
    Dependencies dependencies;

    @Inject
    TaskEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    BoardService boards;

    @Inject
    AgentDirectory agents;

    @Inject
    RepoService repositories;

    /**
     * Validates in the order of api spec 5.1 (steps 5 onwards; the request was checked before),
     * then inserts the task with the board's next {@code seq}, its {@code created} and
     * {@code assigned} actions and its dependency edges, all in this one transaction: a failure
     * leaves no gap in the board's numbering.
     */
    @Write
    public TaskRow create(Identity who, NewTask req) {
        String ownerId = who.ownerId();
        Board board = req.boardId() == null ? boards.oldest(ownerId) : Board.owned(ownerId, req.boardId());
        if (board == null) {
            throw ApiException.badRequest("No board exists. Create a board first.");
        }
        if (Board.DEV.equals(board.type) && req.repositoryId() == null) {
            throw ApiException.badRequest("repository_id is required for dev board tasks");
        }
        if (Board.OPS.equals(board.type) && req.repositoryId() != null) {
            throw ApiException.badRequest("repository_id is not allowed for ops board tasks");
        }
        // Step 8, the cycle check, is left out: nothing can depend on a task that does not exist yet.
        if (req.createdFrom() != null && Tasks.boardOrNull(em, ownerId, req.createdFrom()) == null) {
            throw ApiException.badRequest("Parent task not found");
        }
        String kind = agents.kindOf(ownerId, req.assignedTo());
        if (kind == null) {
            throw ApiException.badRequest("Agent not found");
        }
        if ("leader".equals(kind)) {
            throw ApiException.badRequest("Cannot assign tasks to leader agents");
        }
        requirePriority(req.priority());
        requireRepository(ownerId, req.repositoryId());
        Dependencies.requireDistinct(req.dependsOn());
        dependencies.requireOwned(ownerId, req.dependsOn());

        String id = Ids.longId();
        String now = Times.now();
        // The increment and the insert commit together, so seq numbers have no gaps.
        long seq = boards.takeTaskSeq(board.id);
        Object[] inserted = (Object[]) em.createNativeQuery("""
                        INSERT INTO tasks (id, board_id, status, title, description, repository_id, labels, priority,
                                           created_by, assigned_to, input, created_from, position, created_at,
                                           updated_at, seq, scheduled_at)
                        VALUES (?1, ?2, 'todo', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                                (SELECT COALESCE(MAX(position) + 1, 0) FROM tasks WHERE board_id = ?2 AND status = 'todo'),
                                ?12, ?12, ?13, ?14)
                        """ + "RETURNING " + TaskRow.RETURNING)
                .setParameter(1, id)
                .setParameter(2, board.id)
                .setParameter(3, req.title())
                .setParameter(4, req.description())
                .setParameter(5, req.repositoryId())
                .setParameter(6, req.labels())
                .setParameter(7, req.priority())
                .setParameter(8, who.actorId())
                .setParameter(9, req.assignedTo())
                .setParameter(10, req.input())
                .setParameter(11, req.createdFrom())
                .setParameter(12, now)
                .setParameter(13, seq)
                .setParameter(14, req.scheduledAt())
                .getSingleResult();
        TaskAction.Actor actor = events.actor(who);
        for (String type : List.of(TaskAction.CREATED, TaskAction.ASSIGNED)) {
            // Creation's actions carry no session, even for agents (api spec 3.4).
            TaskAction action = TaskAction.of(id, who.type().wire(), who.actorId(), type, null, null, now);
            action.insert(em);
            events.action(ownerId, board.id, action, actor);
        }
        dependencies.add(id, req.dependsOn());
        return TaskRow.of(inserted);
    }

    /**
     * Writes the present updatable fields and answers the old row overlaid with the whole request
     * body, as the original does (api spec 5.4). Unlike the original, the dependency replacement
     * and the update commit together, after every check passed.
     */
    @Write
    public ObjectNode patch(Identity who, String taskId, JsonNode json) {
        TaskRow task = Tasks.owned(em, who.ownerId(), taskId);
        Body body = Body.of(json);
        JsonNode input = NewTask.input(body);
        String scheduledAt = body.has("scheduled_at") ? ScheduledAt.parse(body.raw().get("scheduled_at")) : null;
        if (who.is(IdentityType.WORKER) && !who.agentId().equals(task.createdBy())) {
            throw ApiException.forbidden("Workers can only update tasks they created");
        }
        List<String> deps = null;
        if (body.has("depends_on")) {
            deps = body.strings("depends_on");
            if (deps == null) {
                throw ApiException.badRequest("depends_on must be an array of task ids");
            }
            if (!deps.isEmpty() && dependencies.createsCycle(taskId, deps)) {
                throw circular();
            }
        }
        Update update = new Update();
        if (body.has("title")) {
            update.set("title", required(body, "title"));
        }
        if (body.has("description")) {
            update.set("description", body.string("description"));
        }
        if (body.has("repository_id")) {
            String repositoryId = body.string("repository_id", Body.MAX_SHORT);
            if (repositoryId != null) {
                requireRepository(who.ownerId(), repositoryId);
            }
            update.set("repository_id", repositoryId);
        }
        if (body.has("labels")) {
            update.set("labels", NewTask.labels(body));
        }
        if (body.has("priority")) {
            String priority = body.string("priority", Body.MAX_SHORT);
            requirePriority(priority);
            update.set("priority", priority);
        }
        for (String field : List.of("result", "pr_url")) {
            if (body.has(field)) {
                update.set(field, body.string(field));
            }
        }
        if (body.has("input")) {
            update.set("input", input == null ? null : input.toString());
        }
        if (body.has("position")) {
            update.set("position", position(body.raw().get("position")));
        }
        if (body.has("scheduled_at")) {
            update.set("scheduled_at", scheduledAt);
        }
        if (deps != null) {
            Dependencies.requireDistinct(deps);
            dependencies.requireOwned(who.ownerId(), deps);
            dependencies.replace(taskId, deps);
        }
        String now = Times.now();
        update.run(em, taskId, now);

        ObjectNode out = task.tree(this.json);
        out.setAll((ObjectNode) body.raw());
        if (body.has("scheduled_at")) {
            out.put("scheduled_at", scheduledAt);
        }
        out.put("updated_at", now);
        return out;
    }

    /** Deletes a todo or cancelled task; its actions, messages and edges go with it (api spec 5.5). */
    @Write
    public void delete(Identity who, String taskId) {
        TaskRow task = Tasks.owned(em, who.ownerId(), taskId);
        if (who.is(IdentityType.WORKER) && !who.agentId().equals(task.createdBy())) {
            throw ApiException.forbidden("Workers can only delete tasks they created");
        }
        if (!"todo".equals(task.status()) && !"cancelled".equals(task.status())) {
            throw ApiException.conflict("TASK_NOT_DELETABLE", "Cannot delete task in " + task.status()
                    + (task.assignedTo() != null ? " (assigned)" : "") + " status");
        }
        em.createNativeQuery("DELETE FROM tasks WHERE id = ?1").setParameter(1, taskId).executeUpdate();
    }

    /** Inside the agent's deleting write: its open tasks go back to nobody; finished work keeps its name. */
    void agentDeleting(@Observes AgentDeleting event) {
        em.createNativeQuery("UPDATE tasks SET assigned_to = NULL WHERE assigned_to = ?1 AND status IN ('todo', 'in_progress')")
                .setParameter(1, event.agentId())
                .executeUpdate();
    }

    private void requireRepository(String ownerId, String repositoryId) {
        if (repositoryId != null) {
            repositories.get(ownerId, repositoryId);
        }
    }

    private static void requirePriority(String priority) {
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw ApiException.badRequest("priority must be one of: low, medium, high, urgent");
        }
    }

    private static String required(Body body, String field) {
        String value = body.string(field);
        if (value == null) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value;
    }

    /** Any JSON number: a whole one stays an integer, a fractional one is kept as is. */
    private static Number position(JsonNode value) {
        if (value == null || !value.isNumber()) {
            throw ApiException.badRequest("position must be a number");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        double d = value.asDouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw ApiException.badRequest("position must be a number");
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
    }

    private static ApiException circular() {
        return ApiException.badRequest("Circular dependency detected");
    }

    /** One UPDATE of the present fields, with {@code updated_at} always bumped. */
    private static final class Update {

        private final List<String> columns = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        void set(String column, Object value) {
            columns.add(column);
            values.add(value);
        }

        void run(EntityManager em, String taskId, String now) {
            StringBuilder sql = new StringBuilder("UPDATE tasks SET updated_at = ?1");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(", ").append(columns.get(i)).append(" = ?").append(i + 3);
            }
            var query = em.createNativeQuery(sql.append(" WHERE id = ?2").toString())
                    .setParameter(1, now)
                    .setParameter(2, taskId);
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 3, values.get(i));
            }
            query.executeUpdate();
        }
    }
}
