package dev.agentkanban.share;

import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Public boards (api spec 12): a board is shared when its visibility is exactly {@code public}
 * and it has a slug. Only what 12.1 lists leaves the server; everything else stays private.
 */
@ApplicationScoped
public class ShareService {

    /** Status rank, then (todo only) priority rank and newest created, else newest updated: api spec 7.3. */
    private static final String BOARD_ORDER = """
            ORDER BY CASE t.status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'in_review' THEN 2
                                   WHEN 'done' THEN 3 ELSE 4 END,
                     CASE WHEN t.status = 'todo' THEN CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1
                                                      WHEN 'low' THEN 3 ELSE 2 END ELSE 0 END,
                     CASE WHEN t.status = 'todo' THEN t.created_at END DESC,
                     CASE WHEN t.status <> 'todo' THEN t.updated_at END DESC""";

    @Inject
    EntityManager em;


    /** Task counts of a shared board; the sums are null when it has no tasks (api spec 12.3). */
    public record Counts(long total, Long todo, Long inProgress, Long inReview, Long done) {
    }

    public record Shared(Map<String, Object> board, Counts counts) {

        public String id() {
            return (String) board.get("id");
        }

        public String name() {
            return (String) board.get("name");
        }

        public String description() {
            return (String) board.get("description");
        }
    }

    /** The board with this slug if it is public; 404 {@code Board not found} otherwise. */
    public Shared find(String slug) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, owner_id, name, description, created_at, updated_at, task_seq, visibility, share_slug, type
                FROM boards WHERE share_slug = ?1 AND visibility = 'public'""")
                .setParameter(1, slug)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Board not found");
        }
        Object[] r = rows.get(0);
        Map<String, Object> board = new LinkedHashMap<>();
        board.put("id", r[0]);
        board.put("owner_id", r[1]);
        board.put("name", r[2]);
        board.put("description", r[3]);
        board.put("created_at", r[4]);
        board.put("updated_at", r[5]);
        board.put("task_seq", number(r[6]));
        board.put("visibility", r[7]);
        board.put("share_slug", r[8]);
        board.put("type", r[9]);
        return new Shared(board, counts((String) r[0]));
    }

    /** The Board plus its tasks as PublicTask[] (api spec 12.1). */
    public Map<String, Object> view(String slug) {
        Shared shared = find(slug);
        Map<String, Object> out = new LinkedHashMap<>(shared.board());
        out.put("tasks", publicTasks(shared.id()));
        return out;
    }

    private List<Map<String, Object>> publicTasks(String boardId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.id, t.seq, t.title, t.status, t.priority, t.labels, r.name, g.name, g.public_key,
                       t.scheduled_at, t.created_at, t.updated_at
                FROM tasks t
                LEFT JOIN repositories r ON r.id = t.repository_id
                LEFT JOIN agents g ON g.id = t.assigned_to
                WHERE t.board_id = ?1
                """ + BOARD_ORDER)
                .setParameter(1, boardId)
                .getResultList();
        List<Map<String, Object>> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", r[0]);
            t.put("seq", number(r[1]));
            t.put("title", r[2]);
            t.put("status", r[3]);
            t.put("priority", r[4]);
            t.put("labels", JsonColumns.read((String) r[5]));
            t.put("repository_name", r[6]);
            t.put("agent_name", r[7]);
            t.put("agent_public_key", r[8]);
            t.put("scheduled_at", r[9]);
            t.put("created_at", r[10]);
            t.put("updated_at", r[11]);
            tasks.add(t);
        }
        return tasks;
    }

    private Counts counts(String boardId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT count(*), sum(status = 'todo'), sum(status = 'in_progress'), sum(status = 'in_review'),
                       sum(status = 'done')
                FROM tasks WHERE board_id = ?1""")
                .setParameter(1, boardId)
                .getSingleResult();
        return new Counts(number(r[0]), nullable(r[1]), nullable(r[2]), nullable(r[3]), nullable(r[4]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Long nullable(Object value) {
        return value == null ? null : number(value);
    }
}
