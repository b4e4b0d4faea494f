package dev.agentkanban.task;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Task reads. The lists are the hot reads (the daemon polls them), so SQLite builds their JSON
 * itself: one query, one string, no per-task round trip or object mapping. The TaskRow part of
 * these objects is the {@link TaskRow} record's shape; TaskJsonShapeTest proves the keys and types
 * match (api spec 3.2, 3.3).
 */
@ApplicationScoped
public class TaskReads {

    /** TaskRow (api spec 3.2) as json_object arguments, in its field order. */
    private static final String ROW_JSON = """
            'id', t.id, 'board_id', t.board_id, 'status', t.status, 'title', t.title,
            'description', t.description, 'repository_id', t.repository_id, 'labels', json(t.labels),
            'priority', t.priority, 'created_by', t.created_by, 'assigned_to', t.assigned_to,
            'result', t.result, 'pr_url', t.pr_url, 'input', json(t.input), 'created_from', t.created_from,
            'position', t.position, 'created_at', t.created_at, 'updated_at', t.updated_at, 'seq', t.seq,
            'scheduled_at', t.scheduled_at""";
    private static final String BLOCKED_JSON =
            "'blocked', json(CASE WHEN " + Tasks.BLOCKED + " THEN 'true' ELSE 'false' END)";
    private static final String DEPENDS_ON_JSON = """
            'depends_on', json((SELECT json_group_array(d.depends_on ORDER BY d.depends_on)
                                FROM task_dependencies d WHERE d.task_id = t.id))""";

    /**
     * TaskListItem[] (api spec 5.2) of one owner, by position, then insertion order. CROSS JOIN
     * fixes the join order in SQLite: the owner's boards first, then their tasks. Otherwise the
     * daemon's {@code ?status=todo} poll is planned through the status index, across every
     * tenant's todo tasks.
     */
    private static final String LIST = "SELECT json_group_array(json_object(" + ROW_JSON
            + ", 'repository_name', r.name, 'board_type', b.type, " + BLOCKED_JSON + ", " + DEPENDS_ON_JSON
            + ") ORDER BY t.position, t.rowid)"
            + " FROM boards b CROSS JOIN tasks t ON t.board_id = b.id"
            + " LEFT JOIN repositories r ON r.id = t.repository_id"
            + " WHERE b.owner_id = ?1";

    /** BoardTask[] (api spec 10.3) in the board order of api spec 7.3. */
    private static final String BOARD_TASKS = "SELECT json_group_array(json_object(" + ROW_JSON
            + ", 'agent_name', a.name, 'agent_public_key', a.public_key, 'repository_name', r.name, "
            + BLOCKED_JSON + ") ORDER BY "
            + "CASE t.status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'in_review' THEN 2 WHEN 'done' THEN 3"
            + " ELSE 4 END, "
            + "CASE WHEN t.status = 'todo' THEN CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1"
            + " WHEN 'low' THEN 3 ELSE 2 END END, "
            + "CASE WHEN t.status = 'todo' THEN t.created_at END DESC, "
            + "CASE WHEN t.status <> 'todo' THEN t.updated_at END DESC, t.rowid)"
            + " FROM tasks t LEFT JOIN agents a ON a.id = t.assigned_to"
            + " LEFT JOIN repositories r ON r.id = t.repository_id WHERE t.board_id = ?1";

    private static final String DETAIL = "SELECT " + TaskRow.COLUMNS + ", a.name, a.public_key, a.fingerprint, r.name,"
            + " (SELECT COUNT(*) FROM tasks s WHERE s.created_from = t.id), " + Tasks.BLOCKED + ","
            + " (SELECT group_concat(d.depends_on, ',' ORDER BY d.depends_on) FROM task_dependencies d"
            + " WHERE d.task_id = t.id)"
            + " FROM tasks t JOIN boards b ON b.id = t.board_id LEFT JOIN agents a ON a.id = t.assigned_to"
            + " LEFT JOIN repositories r ON r.id = t.repository_id WHERE t.id = ?1 AND b.owner_id = ?2";

    private static final String NOTES = """
            SELECT n.id, n.task_id, n.actor_type, n.actor_id, n.action, n.detail, n.created_at, n.session_id,
                   a.name, a.public_key
            FROM task_actions n LEFT JOIN agents a ON a.id = n.actor_id AND n.actor_type LIKE 'agent:%'
            WHERE n.task_id = ?1 AND n.created_at > ?2 ORDER BY n.created_at, n.rowid""";

    private static final String MESSAGES = """
            SELECT id, task_id, sender_type, sender_id, content, created_at FROM messages
            WHERE task_id = ?1 AND created_at > ?2 ORDER BY created_at, rowid""";

    /** Every stored timestamp sorts after this, so "since" can always be bound. */
    private static final String BEGINNING = "";

    @Inject
    EntityManager em;

    /** Filters of GET /api/tasks; null or empty values are ignored. */
    public record Filter(String boardId, String repositoryId, String status, String label, String parent,
            String assignedTo) {
    }

    /** The JSON array as UTF-8 bytes, passed through from SQLite to the response unchanged. */
    public byte[] list(String ownerId, Filter filter) {
        StringBuilder sql = new StringBuilder(LIST);
        List<String> values = new ArrayList<>();
        values.add(ownerId);
        condition(sql, values, "t.board_id = ?", filter.boardId());
        condition(sql, values, "t.repository_id = ?", filter.repositoryId());
        condition(sql, values, "t.status = ?", filter.status());
        condition(sql, values, "EXISTS (SELECT 1 FROM json_each(t.labels) l WHERE l.type = 'text' AND l.value = ?)",
                filter.label());
        condition(sql, values, "t.created_from = ?", filter.parent());
        condition(sql, values, "t.assigned_to = ?", filter.assignedTo());
        return Jdbc.first(em, sql.toString(), rs -> rs.getBytes(1), values.toArray());
    }

    /** The tasks of a board the caller was already found to own. */
    String boardTasks(String boardId) {
        return (String) em.createNativeQuery(BOARD_TASKS).setParameter(1, boardId).getSingleResult();
    }

    /** TaskDetail (api spec 5.3): two queries, the task with its joins and its whole log. */
    public TaskDetail detail(String ownerId, String taskId) {
        List<?> rows = em.createNativeQuery(DETAIL).setParameter(1, taskId).setParameter(2, ownerId).getResultList();
        if (rows.isEmpty()) {
            throw Tasks.notFound();
        }
        Object[] r = (Object[]) rows.get(0);
        int x = TaskRow.WIDTH;
        List<Note> notes = notes(taskId, null);
        return new TaskDetail(TaskRow.of(r), (String) r[x], (String) r[x + 1], (String) r[x + 2], (String) r[x + 3],
                ((Number) r[x + 4]).intValue(), activeSession(notes), truthy(r[x + 5]), notes, durationMinutes(notes),
                r[x + 6] == null ? List.of() : Arrays.asList(((String) r[x + 6]).split(",")));
    }

    /** The owner's task's actions, oldest first, newer than {@code since} when given. */
    public List<Note> notes(String ownerId, String taskId, String since) {
        Tasks.boardOf(em, ownerId, taskId);
        return notes(taskId, since);
    }

    public List<ChatMessage> messages(String ownerId, String taskId, String since) {
        Tasks.boardOf(em, ownerId, taskId);
        List<ChatMessage> out = new ArrayList<>();
        for (Object row : em.createNativeQuery(MESSAGES)
                .setParameter(1, taskId)
                .setParameter(2, since == null ? BEGINNING : since)
                .getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new ChatMessage((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5]));
        }
        return out;
    }

    private List<Note> notes(String taskId, String since) {
        List<Note> out = new ArrayList<>();
        for (Object row : em.createNativeQuery(NOTES)
                .setParameter(1, taskId)
                .setParameter(2, since == null ? BEGINNING : since)
                .getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new Note((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9]));
        }
        return out;
    }

    /** The session of the newest claim. */
    private static String activeSession(List<Note> notes) {
        for (int i = notes.size() - 1; i >= 0; i--) {
            if (Transition.CLAIM.action.equals(notes.get(i).action())) {
                return notes.get(i).sessionId();
            }
        }
        return null;
    }

    /** Minutes from the first claim to the first completion or cancellation, rounded half up. */
    private static Integer durationMinutes(List<Note> notes) {
        String start = null;
        String end = null;
        for (Note note : notes) {
            String action = note.action();
            if (start == null && Transition.CLAIM.action.equals(action)) {
                start = note.createdAt();
            }
            if (end == null && (Transition.COMPLETE.action.equals(action) || Transition.CANCEL.action.equals(action))) {
                end = note.createdAt();
            }
        }
        if (start == null || end == null) {
            return null;
        }
        long millis = Duration.between(Times.parse(start), Times.parse(end)).toMillis();
        return (int) Math.floorDiv(millis + 30_000, 60_000);
    }

    private static boolean truthy(Object value) {
        return value instanceof Number n ? n.intValue() != 0 : Boolean.TRUE.equals(value);
    }

    private static void condition(StringBuilder sql, List<String> values, String clause, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
            sql.append(" AND ").append(clause.replace("?", "?" + values.size()));
        }
    }
}
